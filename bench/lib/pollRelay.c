/*
 * A minimal stdio relay in C: runs the command after it with its stdin and stdout on pipes,
 * then copies this stdin to the child's stdin and the child's stdout to this stdout with
 * poll(2), read(2) and write(2), recording nothing (stderr is inherited). What any relay
 * process costs a client on this machine, without a JavaScript runtime: a floor for
 * `mcpscope tap` beside the Node pipe() relay (bench/tapShim.mjs compiles it with `cc` when
 * there is one).
 *
 *   pollRelay <command> [args...]
 */
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

static char buf[1 << 16];

/* Copies one read's worth from `from` to `to`; 0 at the end of `from` or on an error. */
static int copy(int from, int to) {
  ssize_t n = read(from, buf, sizeof buf);
  if (n <= 0) return 0;
  for (ssize_t at = 0; at < n;) {
    ssize_t w = write(to, buf + at, (size_t)(n - at));
    if (w <= 0) return 0;
    at += w;
  }
  return 1;
}

int main(int argc, char **argv) {
  int in[2], out[2];
  if (argc < 2 || pipe(in) != 0 || pipe(out) != 0) return 2;
  pid_t pid = fork();
  if (pid < 0) return 2;
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    close(in[0]), close(in[1]), close(out[0]), close(out[1]);
    execvp(argv[1], argv + 1);
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  struct pollfd fds[2] = {{0, POLLIN, 0}, {out[0], POLLIN, 0}};
  for (;;) {
    if (poll(fds, 2, -1) < 0) break;
    if (fds[0].revents && !copy(0, in[1])) {
      close(in[1]); /* the client closed stdin: so does the server's */
      fds[0].fd = -1;
    }
    if (fds[1].revents && !copy(out[0], 1)) break;
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
