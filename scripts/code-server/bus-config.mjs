// The private session bus's config, shared by `npm start`/e2e (keyring.mjs) and the integration
// tests (test/helpers/system/keyring.ts). No service directories: nothing is auto-activated, so a
// client that is too quick cannot start a second (locked) keyring daemon, and a bus without a
// keyring really has no Secret Service. No imports and no side effects, so tests can bundle it.

/** The dbus-daemon config for a session bus listening in `dir`. */
export function sessionBusConfig(dir) {
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=${dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
  <!-- The limits of a desktop session bus (Debian's /usr/share/dbus-1/session.conf): without them
       dbus-daemon keeps its low built-in ones (256 connections per user, 128 pending replies per
       connection), which a long e2e run of many keychain clients can reach. -->
  <limit name="max_incoming_bytes">1000000000</limit>
  <limit name="max_outgoing_bytes">1000000000</limit>
  <limit name="max_message_size">1000000000</limit>
  <limit name="max_completed_connections">100000</limit>
  <limit name="max_incomplete_connections">10000</limit>
  <limit name="max_connections_per_user">100000</limit>
  <limit name="max_names_per_connection">50000</limit>
  <limit name="max_match_rules_per_connection">50000</limit>
  <limit name="max_replies_per_connection">50000</limit>
</busconfig>
`;
}
