#!/bin/sh
# rotation-guard's hook launcher (dist/hook-launch.sh; `rotation-guard hooks install` writes the
# command that runs it): bash|sh hook-launch.sh NODE BLOB hook ASSISTANT [--event NAME] ...
#
# Run by bash, it first asks the resident hook server (`rotation-guard hook-server`, see the bash
# part below): a shell and one local round trip instead of a Node start. Whenever the server
# cannot answer with standard input still unread, and always when sh runs it, the hook starts as
# a process:
#
# From BLOB, a V8 startup snapshot built on this machine (cli/src/hook/), when it is usable, else
# from the plain bundle (dist/cli.js). BLOB is used only when it is an absolute path outside the
# current folder (a repository is hostile: a blob is code) and it and its folder are this user's
# own files, not symbolic links. Node refuses a blob of another Node version or architecture, and
# the snapshot refuses itself when its bundle changed since it was built: both exit 14 before
# reading standard input; a damaged blob crashes Node (a signal) before it too. Then the plain
# bundle answers, and rebuilds the blob in the background (ROTATION_GUARD_HOOK_SNAPSHOT names it).
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
  usable=1
else
  usable=
fi
as_process() {
  if [ -n "$usable" ]; then
    "$node" --snapshot-blob "$blob" "$@"
    rc=$?
    case $rc in
      14 | 129 | 13[0-9] | 1[4-9][0-9] | 2[0-9][0-9]) ;;
      *) exit $rc ;;
    esac
  fi
  ROTATION_GUARD_HOOK_SNAPSHOT=$blob exec "$node" "${0%/*}/cli.js" "$@"
}
# sh stops here (as_process ends in exec): it never reads the bash part below.
if [ -z "$BASH_VERSION" ] || [ -z "$usable" ] || [ "$ROTATION_GUARD_HOOK_SERVER" = 0 ] || [ "$1" != hook ]; then
  as_process "$@"
fi

# --- bash only -------------------------------------------------------------------------------
# The resident hook server's files sit beside the blob: hook-….server (port, client token, server
# token), .failed (when a start failed). Protocol: cli/src/hook/server-wire.ts. Trust: the state
# file and its folder must be this user's, not links, and closed to others (0600 in 0700); the
# server must prove itself with its token before anything of the request is sent.
# ROTATION_GUARD_HOOK_SERVER_TRACE names a file that gets one line per call saying which way it
# went (tests); the answer itself is the same either way.
rg_state=${blob%.blob}.server
# A write to a connection the server closed must fail, not kill the launcher (a killed hook is no
# block): the process then answers, or blocks. Node ignores SIGPIPE too.
trap '' PIPE
rg_trace() {
  [ -n "$ROTATION_GUARD_HOOK_SERVER_TRACE" ] && printf '%s\n' "$1" >>"$ROTATION_GUARD_HOOK_SERVER_TRACE"
  return 0
}
# Starts a server in the background (it detaches itself), unless a start failed in the last ten minutes.
rg_start() {
  local failed now
  if [ -f "$rg_state.failed" ] && IFS= read -r failed <"$rg_state.failed" && [[ $failed =~ ^[0-9]+$ ]]; then
    printf -v now '%(%s)T' -1
    ((now - failed < 600)) && return
  fi
  "$node" "${0%/*}/cli.js" hook-server --state "$rg_state" --detach </dev/null >/dev/null 2>&1 3>&- 4>&- &
}
# Asks the server. Returns 1 with standard input unread when it cannot answer; on an answer,
# prints it and exits with its code; when the server took the payload and gave no answer,
# returns 2 (the process then blocks: aborted.ts).
rg_ask() {
  local dir=${rg_state%/*} port ctok stok version got ticket tag code out err n cwd lpwd cat_pid wait_s
  if ! [[ -f $rg_state && ! -L $rg_state && -O $rg_state && ! -L $dir && -O $dir ]]; then
    rg_trace 'process: no server state file'
    rg_start
    return 1
  fi
  # Owner and mode: ls is the one program this costs (bash has no stat of its own).
  local listing mode_re="^d[-rwx]{3}------\.? +[0-9]+ +$EUID .*"$'\n'"-[-r][-w]-------\.? +[0-9]+ +$EUID "
  listing=$(LC_ALL=C ls -ldn -- "$dir" "$rg_state" 2>/dev/null)
  if ! [[ $listing =~ $mode_re ]]; then
    rg_trace 'process: the server state file or its folder is open to others'
    return 1
  fi
  { IFS= read -r version && IFS= read -r port && IFS= read -r ctok && IFS= read -r stok; } <"$rg_state"
  if ! [[ $version == RGHOOK1 && $port =~ ^[0-9]{1,5}$ && $ctok =~ ^[0-9a-f]{64}$ && $stok =~ ^[0-9a-f]{64}$ ]]; then
    rg_trace 'process: malformed server state file'
    rg_start
    return 1
  fi
  if ! { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
    rg_trace 'process: no server listening'
    rg_start
    return 1
  fi
  printf '%s\0' "$ctok" >&3
  if ! IFS= read -r -d '' -t 1 got <&3 || [[ $got != "$stok" ]]; then
    exec 3>&-
    rg_trace 'process: the server did not prove itself'
    rg_start
    return 1
  fi
  if ! IFS= read -r -d '' -t 1 ticket <&3 || ! [[ $ticket =~ ^[0-9a-f]{48}$ ]]; then
    exec 3>&-
    rg_trace "process: the server declined (${ticket:0:20})"
    rg_start
    return 1
  fi
  # The folder as Node's process.cwd() gives it (symbolic links resolved), then the request:
  # arguments and this process's environment (every exported variable).
  lpwd=$PWD
  cd -P . 2>/dev/null || { exec 3>&-; return 1; }
  cwd=$PWD
  cd "$lpwd" 2>/dev/null
  # One write: bash cannot turn off Nagle's algorithm, so a second small write would wait for the
  # server's delayed acknowledgement (40 ms on Linux).
  local -a envs=()
  for n in ${!A@} ${!B@} ${!C@} ${!D@} ${!E@} ${!F@} ${!G@} ${!H@} ${!I@} ${!J@} ${!K@} ${!L@} ${!M@} ${!N@} ${!O@} ${!P@} ${!Q@} ${!R@} ${!S@} ${!T@} ${!U@} ${!V@} ${!W@} ${!X@} ${!Y@} ${!Z@} ${!a@} ${!b@} ${!c@} ${!d@} ${!e@} ${!f@} ${!g@} ${!h@} ${!i@} ${!j@} ${!k@} ${!l@} ${!m@} ${!n@} ${!o@} ${!p@} ${!q@} ${!r@} ${!s@} ${!t@} ${!u@} ${!v@} ${!w@} ${!x@} ${!y@} ${!z@} ${!_@}; do
    case ${!n@a} in *x*) envs+=("$n=${!n}") ;; esac
  done
  printf '%s\0' v1 "$cwd" "$#" "$@" "${envs[@]}" '' >&3
  if ! { exec 4<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
    exec 3>&-
    rg_trace 'process: no payload connection'
    return 1
  fi
  printf '%s\0' "$ticket" >&4
  if ! IFS= read -r -d '' -t 1 got <&4 || [[ $got != "$stok" ]]; then
    exec 3>&- 4>&-
    rg_trace 'process: the payload connection did not prove itself'
    return 1
  fi
  # From here standard input is the server's: cat copies it, byte for byte, to the connection's end.
  cat <&0 >&4 2>/dev/null 3>&- &
  cat_pid=$!
  exec 4>&-
  # The hook's own timeout covers reading the payload and deciding; wait a little longer.
  wait_s=${ROTATION_GUARD_HOOK_TIMEOUT_MS:-5000}
  [[ $wait_s =~ ^[0-9]{1,7}$ ]] || wait_s=5000
  wait_s=$((wait_s / 1000 + 2))
  if IFS= read -r -d '' -t "$wait_s" tag <&3 && [[ $tag == A ]] && IFS= read -r -d '' -t 1 code <&3 && [[ $code =~ ^[0-9]{1,3}$ ]] &&
    IFS= read -r -d '' out <&3 && IFS= read -r -d '' err <&3; then
    kill "$cat_pid" 2>/dev/null
    rg_trace 'server'
    [ -n "$out" ] && printf '%s' "$out"
    [ -n "$err" ] && printf '%s' "$err" >&2
    exit "$code"
  fi
  kill "$cat_pid" 2>/dev/null
  exec 3>&-
  rg_trace 'process: the server took the payload and gave no answer'
  return 2
}
if [[ ${BASH_VERSINFO[0]} -ge 5 || (${BASH_VERSINFO[0]} -eq 4 && ${BASH_VERSINFO[1]} -ge 4) ]]; then
  rg_ask "$@"
  if [ $? = 2 ]; then
    export ROTATION_GUARD_HOOK_ABORTED=1
    exec </dev/null
  fi
else
  rg_trace 'process: bash older than 4.4'
fi
as_process "$@"
