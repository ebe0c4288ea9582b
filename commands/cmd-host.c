/*
 * cmd-host.c: `!COMMAND`, a host command through /bin/sh.
 *
 * The lexer hands over the rest of the line as it was typed (quotes,
 * $VARs and all), so /bin/sh does its own quoting and expansion; shell
 * variables are not exported to it. Ctrl-C goes to the child too (same
 * process group); when it cannot have seen the SIGINT (see
 * hs_run_host), it is passed on. The dispatcher then reports status 130.
 */
#include "hs-common.h"
#include "commands.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

/* Wait for the child pid; pass Ctrl-C on when it cannot have seen it. */
static int
wait_child(pid_t pid, bool own_group, int *st, char **cause)
{
	bool passed_on = false;

	while (waitpid(pid, st, 0) < 0) {
		if (errno != EINTR) {
			*cause = hs_xasprintf("cannot wait for /bin/sh: %s",
			    strerror(errno));
			return -1;
		}
		if (hs_interrupted() && !passed_on &&
		    (own_group || hs_interrupt_sent)) {
			kill(own_group ? -pid : pid, SIGINT);
			passed_on = true;
		}
	}
	return 0;
}

/* Run script through /bin/sh -c with args as $1...; its exit status.
 * On a terminal the child stays in our process group, so Ctrl-C reaches
 * it (and its children) directly. Otherwise (a runbook in CI) it gets a
 * process group of its own, and a SIGINT sent to hipaa-shell is passed
 * on to that whole group. */
int
hs_run_host(const char *script, char *const *args, char **cause)
{
	const char *argv[16] = { "sh", "-c", script, "sh" };
	char **env = hs_host_env();
	bool own_group = !isatty(STDIN_FILENO);
	size_t n = 4;
	pid_t pid;
	int st;

	while (args != NULL && *args != NULL && n + 1 < HS_ARRAY_SIZE(argv))
		argv[n++] = *args++;
	argv[n] = NULL;
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		*cause = hs_xasprintf("cannot start /bin/sh: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		if (own_group)
			setpgid(0, 0);
		signal(SIGINT, SIG_DFL);
		if (env != NULL)
			execve("/bin/sh", (char *const *)argv, env);
		else
			execv("/bin/sh", (char *const *)argv);
		_exit(127);
	}
	if (own_group)
		setpgid(pid, pid);
	if (wait_child(pid, own_group, &st, cause) < 0)
		return -1;
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return WEXITSTATUS(st);
}

/* Run the host command. */
static int
host_exec(struct hs_ctx *ctx)
{
	char *cause = NULL;
	int status = hs_run_host(ctx->argv[1], NULL, &cause);

	if (status < 0) {
		hs_ctx_fail(ctx, HS_EXIT_GENERAL, HS_ERR_HOST_COMMAND, "%s",
		    cause);
		free(cause);
		return HS_EXIT_GENERAL;
	}
	if (status > 128 && status < 160)
		return hs_ctx_fail(ctx, status, HS_ERR_HOST_COMMAND,
		    "host command killed by signal %d", status - 128);
	if (status != 0)
		return hs_ctx_fail(ctx, status, HS_ERR_HOST_COMMAND,
		    "host command exited with status %d", status);
	return 0;
}

const struct hs_cmd hs_cmd_host = {
	.name = "!",
	.args = { .min = 1, .max = 1 },
	.usage = "COMMAND",
	.summary = "run COMMAND with /bin/sh (the rest of the line, as typed)",
	.exec = host_exec,
};
