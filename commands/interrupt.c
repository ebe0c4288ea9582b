/*
 * interrupt.c: Ctrl-C cancels the running command, not the shell.
 *
 * The handler only sets a flag. It is installed without SA_RESTART so
 * that a blocking call (poll, waitpid, a transfer) returns EINTR and the
 * code around it can look at the flag; the dispatcher turns a command
 * interrupted this way into status 130. Child processes get the default
 * action back when they exec. Ctrl-C on a terminal reaches the whole
 * foreground process group, children included; a SIGINT sent to
 * hipaa-shell alone (kill -INT, a CI runner cancelling a job) is marked
 * in hs_interrupt_sent so that a running child can be sent one too.
 * Code that takes SIGINT itself with sigwaitinfo() (a host command, see
 * cmd-host.c) records it with hs_interrupt_note() like the handler.
 */
#include "hs-common.h"
#include "commands.h"

#include <signal.h>

volatile sig_atomic_t hs_interrupt_flag;
volatile sig_atomic_t hs_interrupt_sent;

/* Note a SIGINT: from the terminal (Ctrl-C) or sent by a process. */
void
hs_interrupt_note(const siginfo_t *info)
{
	hs_interrupt_flag = 1;
	if (info != NULL && info->si_code <= 0)
		hs_interrupt_sent = 1;
}

/* The SIGINT handler: note the signal. */
static void
on_sigint(int sig, siginfo_t *info, void *uc)
{
	(void)sig;
	(void)uc;
	hs_interrupt_note(info);
}

/* Install the SIGINT handler. */
void
hs_interrupt_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_sigint;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_SIGINFO;
	if (sigaction(SIGINT, &sa, NULL) < 0)
		BUG("cannot install the SIGINT handler");
}

/* Tell whether Ctrl-C was pressed since the last clear. */
bool
hs_interrupted(void)
{
	return hs_interrupt_flag != 0;
}

/* Forget an earlier Ctrl-C. */
void
hs_interrupt_clear(void)
{
	hs_interrupt_flag = 0;
	hs_interrupt_sent = 0;
}
