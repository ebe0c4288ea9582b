/*
 * help-pager.c: showing help - through a pager on a terminal, as the AWS
 * CLI does ("less -R" unless AWS_PAGER, cli_pager or PAGER say), and as
 * plain text otherwise (a pipe, a file, a runbook).
 *
 * The pager runs as /bin/sh -c PAGER with the text on its standard
 * input; SIGPIPE is ignored while writing so quitting the pager early is
 * not an error.
 */
#include "hs-common.h"
#include "operation.h"

#include <errno.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

/* The width to wrap help at. */
int
hs_help_width(FILE *out)
{
	struct winsize ws;

	if (isatty(fileno(out)) && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col >= 40)
		return ws.ws_col > 120 ? 120 : ws.ws_col - 1;
	return 80;
}

/* Write all of data to fd, ignoring EPIPE. */
static void
write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		data += n;
		len -= (size_t)n;
	}
}

/* Run the pager with text on its standard input. */
static int
run_pager(FILE *out, const char *text, size_t len, const char *pager,
    char **cause)
{
	struct sigaction ign, old;
	int fds[2], status;
	pid_t pid;

	fflush(out);
	if (pipe(fds) < 0) {
		*cause = hs_xasprintf("cannot start the pager '%s': %s", pager,
		    strerror(errno));
		return -1;
	}
	if ((pid = fork()) < 0) {
		*cause = hs_xasprintf("cannot start the pager '%s': %s", pager,
		    strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		dup2(fds[0], STDIN_FILENO);
		dup2(fileno(out), STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		execl("/bin/sh", "sh", "-c", pager, (char *)NULL);
		_exit(127);
	}
	close(fds[0]);
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old);
	write_all(fds[1], text, len);
	close(fds[1]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGPIPE, &old, NULL);
	return 0;
}

/* Show help text. */
int
hs_help_show(FILE *out, const char *text, size_t len, const char *pager,
    char **cause)
{
	if (pager != NULL && *pager != '\0' && isatty(fileno(out)))
		return run_pager(out, text, len, pager, cause);
	fwrite(text, 1, len, out);
	fflush(out);
	return 0;
}
