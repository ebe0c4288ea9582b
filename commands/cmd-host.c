/*
 * cmd-host.c: `!COMMAND`, a host command through /bin/sh.
 *
 * The lexer hands over the rest of the line as it was typed (quotes,
 * $VARs and all), so /bin/sh does its own quoting and expansion; shell
 * variables are not exported to it. The dispatcher reports status 130
 * when Ctrl-C was pressed while it ran.
 *
 * Ctrl-C must reach the command and must never go unseen by us, so
 * SIGINT and SIGCHLD stay blocked from before the fork until the command
 * has ended, and we take them with sigwaitinfo(): a SIGINT cannot slip
 * in between a check and a blocking wait. The child gets the default
 * action and our old mask back before it execs /bin/sh, so a Ctrl-C
 * pressed while it starts (and still pending) ends it there.
 *
 * On a terminal the command stays in our process group: the terminal's
 * Ctrl-C reaches it and all its processes directly, and it may read the
 * terminal. A SIGINT that a process sent to hipaa-shell alone is passed
 * on to the command. Off a terminal (a runbook in CI) it has a process
 * group of its own and every SIGINT is passed on to that group.
 *
 * A limit we cannot remove from here: dash, Debian's /bin/sh, starts a
 * program with vfork() and unblocks signals in the child before exec
 * with its own SIGINT handler still installed; a Ctrl-C that lands in
 * that instant is swallowed, and the program runs on (dash ends itself
 * once it has finished). A second Ctrl-C ends it. We do not repeat a
 * Ctrl-C on our own: a program that caught the first one (terraform
 * shutting down cleanly) would take a second one as "abort now".
 */
#include "hs-common.h"
#include "commands.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

/* A running host command. */
struct host_job {
	pid_t pid;
	bool own_group;		/* in a process group of its own (no terminal) */
	sigset_t taken;		/* SIGINT, SIGCHLD: blocked, taken by us */
	sigset_t saved;		/* the signal mask before */
};

/* Tell whether a signal was sent by a process (kill, raise), not by the
 * terminal or the kernel. */
static bool
sent_by_process(const siginfo_t *info)
{
	return info->si_code <= 0;
}

/* Send SIGINT to the whole command: its own group; else our group when
 * we lead it (the copy we get back is recognised as ours); else, when a
 * parent shares our group, /bin/sh alone. */
static void
pass_on(const struct host_job *job)
{
	if (job->own_group)
		kill(-job->pid, SIGINT);
	else if (getpgrp() == getpid())
		kill(0, SIGINT);
	else
		kill(job->pid, SIGINT);
}

/* Take a SIGINT: note it, and pass it on when the command cannot have
 * seen it (it was sent to us alone, or the command has a group of its
 * own); one we sent ourselves is ignored. */
static void
take_sigint(const struct host_job *job, const siginfo_t *info)
{
	bool sent = sent_by_process(info);

	if (sent && info->si_pid == getpid())
		return;
	hs_interrupt_note(info);
	if (job->own_group || sent)
		pass_on(job);
}

/* Wait for the command to end, taking the SIGINTs that come meanwhile;
 * -1 with *cause. */
static int
wait_job(const struct host_job *job, int *st, char **cause)
{
	siginfo_t info;
	pid_t got;

	for (;;) {
		got = waitpid(job->pid, st, WNOHANG);
		if (got == job->pid)
			return 0;
		if (got < 0 && errno != EINTR) {
			*cause = hs_xasprintf("cannot wait for /bin/sh: %s",
			    strerror(errno));
			return -1;
		}
		if (got == 0 && sigwaitinfo(&job->taken, &info) == SIGINT)
			take_sigint(job, &info);
	}
}

/* In the child: its own group off a terminal, the default SIGINT, the
 * mask as it was but with SIGINT and SIGCHLD open (a pending Ctrl-C ends
 * it here), then /bin/sh. */
static HS_NORETURN void
exec_child(const struct host_job *job, const char **argv)
{
	sigset_t mask = job->saved;

	if (job->own_group)
		setpgid(0, 0);
	signal(SIGINT, SIG_DFL);
	sigdelset(&mask, SIGINT);
	sigdelset(&mask, SIGCHLD);
	sigprocmask(SIG_SETMASK, &mask, NULL);
	if (hs_host_env() != NULL)
		execve("/bin/sh", (char *const *)argv, hs_host_env());
	else
		execv("/bin/sh", (char *const *)argv);
	_exit(127);
}

/* Tell whether a SIGINT is pending (blocked, not taken yet). */
static bool
sigint_pending(void)
{
	sigset_t pending;

	return sigpending(&pending) == 0 && sigismember(&pending, SIGINT);
}

/* Start argv with SIGINT and SIGCHLD blocked: 0; 1 when Ctrl-C came
 * first (nothing started); -1 with *cause. A SIGINT that comes between
 * the last look and the fork may have come before the child existed:
 * the child, which still blocks it, is sent one (two become one). */
static int
start_job(struct host_job *job, const char **argv, char **cause)
{
	sigemptyset(&job->taken);
	sigaddset(&job->taken, SIGINT);
	sigaddset(&job->taken, SIGCHLD);
	fflush(NULL);
	sigprocmask(SIG_BLOCK, &job->taken, &job->saved);
	if (hs_interrupted() || sigint_pending())
		return 1;
	job->pid = fork();
	if (job->pid < 0) {
		*cause = hs_xasprintf("cannot start /bin/sh: %s",
		    strerror(errno));
		return -1;
	}
	if (job->pid == 0)
		exec_child(job, argv);
	if (job->own_group)
		setpgid(job->pid, job->pid);
	if (sigint_pending())
		kill(job->pid, SIGINT);
	return 0;
}

/* Run script through /bin/sh -c with args as $1...; its exit status
 * (130 without starting it after an earlier Ctrl-C, which the handler
 * notes once the mask is back). */
int
hs_run_host(const char *script, char *const *args, char **cause)
{
	const char *argv[16] = { "sh", "-c", script, "sh" };
	struct host_job job;
	size_t n = 4;
	int st = 0, rc;

	while (args != NULL && *args != NULL && n + 1 < HS_ARRAY_SIZE(argv))
		argv[n++] = *args++;
	argv[n] = NULL;
	memset(&job, 0, sizeof job);
	job.own_group = !isatty(STDIN_FILENO);
	rc = start_job(&job, argv, cause);
	if (rc == 0)
		rc = wait_job(&job, &st, cause);
	sigprocmask(SIG_SETMASK, &job.saved, NULL);
	if (rc < 0)
		return -1;
	if (rc > 0)
		return 128 + SIGINT;
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
