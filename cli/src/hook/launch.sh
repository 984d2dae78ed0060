#!/bin/sh
# rotation-guard's hook launcher (dist/hook-launch.sh; `rotation-guard hooks install` writes the
# command that runs it): sh hook-launch.sh NODE BLOB hook ASSISTANT [--event NAME] ...
#
# Starts the hook from BLOB, a V8 startup snapshot built on this machine (cli/src/hook/), when it
# is usable, else from the plain bundle (dist/cli.js). BLOB is used only when it is an absolute
# path outside the current folder (a repository is hostile: a blob is code) and it and its folder
# are this user's own files, not symbolic links. Node refuses a blob of another Node version or
# architecture, and the snapshot refuses itself when its bundle changed since it was built: both
# exit 14 before reading standard input; a damaged blob crashes Node (a signal) before it too.
# Then the plain bundle answers, and rebuilds the blob in the background
# (ROTATION_GUARD_HOOK_SNAPSHOT names it).
node=$1
blob=$2
shift 2
case $blob in
  /*) ;;
  *) blob= ;;
esac
case $blob in
  */../* | */./*) blob= ;;
esac
case $blob in
  "$PWD"/*) blob= ;;
esac
if [ -n "$blob" ] && [ -f "$blob" ] && [ ! -L "$blob" ] && [ -O "$blob" ] && [ ! -L "${blob%/*}" ] && [ -O "${blob%/*}" ]; then
  "$node" --snapshot-blob "$blob" "$@"
  rc=$?
  case $rc in
    14 | 129 | 13[0-9] | 1[4-9][0-9] | 2[0-9][0-9]) ;;
    *) exit $rc ;;
  esac
fi
ROTATION_GUARD_HOOK_SNAPSHOT=$blob exec "$node" "${0%/*}/cli.js" "$@"
