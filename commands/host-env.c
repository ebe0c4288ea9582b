/*
 * host-env.c: the environment host commands (!CMD) run with.
 *
 * By default a host command gets hipaa-shell's own environment. A
 * --sandbox session replaces it with a copy in which the AWS variables
 * point at the session's sandbox (see shell/sandbox-session.c), so that
 * `!aws s3 ls` talks to the sandbox too and never to the account of the
 * credentials hipaa-shell was started with. The copy is made when it is
 * set, in the parent: the child only calls execve.
 */
#include "hs-common.h"
#include "commands.h"

#include <unistd.h>

extern char **environ;

static struct hs_strlist host_env = HS_STRLIST_INIT;
static bool host_env_active;

/* Tell whether entry ("NAME=VALUE") starts with one of prefixes. */
static bool
env_dropped(const char *entry, const char *const *prefixes)
{
	for (; prefixes != NULL && *prefixes != NULL; prefixes++)
		if (hs_starts_with(entry, *prefixes))
			return true;
	return false;
}

/* Build the environment of host commands (NULL, NULL: our own). */
void
hs_host_env_set(const char *const *drop_prefixes, const char *const *set)
{
	char **e;

	hs_strlist_clear(&host_env);
	host_env_active = drop_prefixes != NULL || set != NULL;
	if (!host_env_active)
		return;
	for (e = environ; e != NULL && *e != NULL; e++)
		if (!env_dropped(*e, drop_prefixes))
			hs_strlist_add(&host_env, *e);
	for (; set != NULL && *set != NULL; set++)
		hs_strlist_add(&host_env, *set);
	if (host_env.v == NULL)
		hs_strlist_add(&host_env, "PATH=/usr/bin:/bin");
}

/* The environment host commands get, or NULL for our own. */
char **
hs_host_env(void)
{
	return host_env_active ? host_env.v : NULL;
}
