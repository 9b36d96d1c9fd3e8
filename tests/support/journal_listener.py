# tests/support/journal_listener.py SOCKET OUT — stands in for journald on a machine without one: binds the
# datagram socket sd_journal_sendv writes to and appends each entry (journald's native protocol) to OUT.
import os
import socket
import sys

path, out = sys.argv[1], sys.argv[2]
listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
listener.bind(path)
os.chmod(path, 0o666)
with open(out, "ab", buffering=0) as entries:
    open(out + ".ready", "w").close()
    while True:
        entry = listener.recv(1 << 20)
        entries.write(entry + b"\n--entry--\n")
