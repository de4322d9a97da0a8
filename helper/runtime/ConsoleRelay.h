// `run` in the foreground with process.terminal: this runtime's stdio is the container's
// terminal. What arrives on stdin goes to the pty master, what the container writes comes
// out on stdout, until the container process exits.
#pragma once

namespace isolde::runtime {

// Relays until `pidfd` reports the process's exit, then copies what is left on the master.
// When stdin is a terminal it is put in raw mode (the container's pty does the line editing)
// and restored before returning, and its size follows ours, SIGWINCH included.
void relayConsole(int master, int pidfd);

} // namespace isolde::runtime
