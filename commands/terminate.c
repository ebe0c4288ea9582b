/*
 * terminate.c: SIGTERM and SIGHUP end hipaa-shell cleanly.
 *
 * Killed outright, the shell would leave its --sandbox without stopping
 * it (the store not closed, Lambda runs not cut short) and the terminal
 * in readline's raw mode. So the handler only records the signal and
 * raises the Ctrl-C flags: the running command is cancelled as by
 * Ctrl-C (a host command's process group is sent SIGINT), a runbook
 * stops, the REPL leaves its loop; main() then cleans up and dies of the
 * same signal (hs_terminate_finish), so the parent sees what it sent.
 */
#include "hs-common.h"
#include "commands.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

static volatile sig_atomic_t terminate_signal;

static void
on_terminate(int sig)
{
	terminate_signal = sig;
	hs_interrupt_flag = 1;
	hs_interrupt_sent = 1;
}

/* Install the SIGTERM and SIGHUP handlers (no SA_RESTART). */
void
hs_terminate_install(void)
{
	static const int sigs[] = { SIGTERM, SIGHUP };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_terminate;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < HS_ARRAY_SIZE(sigs); i++)
		if (sigaction(sigs[i], &sa, NULL) < 0)
			BUG("cannot install the handler of signal %d", sigs[i]);
}

/* The signal that asked the shell to end, or 0. */
int
hs_terminated(void)
{
	return (int)terminate_signal;
}

/* Die of the signal that asked the shell to end, if one did. */
void
hs_terminate_finish(void)
{
	int sig = (int)terminate_signal;
	sigset_t set;

	if (sig == 0)
		return;
	fflush(NULL);
	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	_exit(128 + sig);
}
