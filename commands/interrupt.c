/*
 * interrupt.c: Ctrl-C cancels the running command, not the shell.
 *
 * The handler only sets a flag. It is installed without SA_RESTART so
 * that a blocking call (poll, waitpid, a transfer) returns EINTR and the
 * code around it can look at the flag; the dispatcher turns a command
 * interrupted this way into status 130. Child processes get the default
 * action back when they exec.
 */
#include "hs-common.h"
#include "commands.h"

#include <signal.h>

volatile sig_atomic_t hs_interrupt_flag;

static void
on_sigint(int sig)
{
	(void)sig;
	hs_interrupt_flag = 1;
}

/* Install the SIGINT handler. */
void
hs_interrupt_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;
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
}
