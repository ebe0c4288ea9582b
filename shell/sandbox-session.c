/*
 * sandbox-session.c: `hipaa-shell --sandbox`: a sandbox of the shell's
 * own, in this process (sandbox/sandbox.h), for the whole session.
 *
 * The sandbox listens on an ephemeral loopback port with its data in
 * --sandbox-data DIR, else $XDG_DATA_HOME/hipaa-shell/sandbox (else
 * ~/.local/share/hipaa-shell/sandbox), created 0700; the folder is
 * locked while it runs, so a second session on it is refused. The
 * session's settings then say `sandbox` (no config files, no profiles,
 * region us-east-1 unless set) and name the sandbox's URL as the
 * endpoint of every service and its credentials (test/test) as explicit
 * credentials. hipaa-shell's own environment is never changed (its
 * threads, the sandbox's among them, read it). Host commands (!CMD)
 * get an environment of their own, in which every AWS_ variable is
 * replaced by the sandbox's, so that `!aws ...` talks to the sandbox
 * too, never to a real account. HIPAA_SANDBOX_URL and HIPAA_SANDBOX_DATA
 * tell runbooks (shell variables) and host commands (environment) where
 * it is; HIPAA_SHELL tells host commands where this program is, so that
 * they can run it again against the same sandbox.
 *
 * The sandbox's threads are started with the shell's signals blocked, so
 * that Ctrl-C, SIGTERM and SIGWINCH always reach the main thread.
 */
#include "hs-common.h"
#include "shell.h"
#include "sandbox/sandbox.h"

#include <errno.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
#include <unistd.h>

/* The credentials every sandbox accepts for its account's root user. */
#define SANDBOX_KEY_ID "test"
#define SANDBOX_SECRET "test"

/* The user's home folder: $HOME, else the password database. */
static const char *
sandbox_home(void)
{
	const char *home = getenv("HOME");
	struct passwd *pw;

	if (home != NULL && *home != '\0')
		return home;
	pw = getpwuid(getuid());
	return pw != NULL ? pw->pw_dir : NULL;
}

/* The default data folder (caller frees), or NULL without a home. */
char *
hs_sandbox_default_data(void)
{
	const char *data = getenv("XDG_DATA_HOME"), *home;

	if (data != NULL && data[0] == '/')
		return hs_xasprintf("%s/hipaa-shell/sandbox", data);
	home = sandbox_home();
	if (home == NULL)
		return NULL;
	return hs_xasprintf("%s/.local/share/hipaa-shell/sandbox", home);
}

/* The data folder as an absolute path (.cd must not move it). */
static char *
sandbox_data_path(const char *dir, struct hs_error *err)
{
	char cwd[4096];

	if (dir == NULL) {
		char *p = hs_sandbox_default_data();

		if (p == NULL)
			hs_error_set(err, HS_EXIT_CONFIG, HS_ERR_CONFIG, "--sandbox: "
			    "no home folder for the sandbox's data: set "
			    "XDG_DATA_HOME or HOME, or use --sandbox-data DIR");
		return p;
	}
	if (dir[0] == '/')
		return hs_xstrdup(dir);
	if (getcwd(cwd, sizeof cwd) == NULL) {
		hs_error_set(err, HS_EXIT_CONFIG, HS_ERR_CONFIG, "--sandbox-data: "
		    "cannot tell the current folder: %s", strerror(errno));
		return NULL;
	}
	return hs_xasprintf("%s/%s", cwd, dir);
}

/* Pass the sandbox's warnings on (only the shell prints). */
static void
sandbox_warn(void *arg, const char *msg)
{
	fprintf(arg, "warning: sandbox: %s\n", msg);
}

/* Start the sandbox with the shell's signals blocked in its threads. */
static int
sandbox_launch(struct hs_session *s, const char *data, struct sandbox **sb,
    char **cause)
{
	struct sandbox_config cfg = SANDBOX_CONFIG_INIT;
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH,
	    SIGPIPE };
	sigset_t set, old;
	size_t i;
	int rc;

	cfg.port = 0;
	cfg.data_dir = data;
	cfg.warn = sandbox_warn;
	cfg.warn_arg = s->err;
	sigemptyset(&set);
	for (i = 0; i < HS_ARRAY_SIZE(sigs); i++)
		sigaddset(&set, sigs[i]);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	rc = sandbox_start(&cfg, sb, cause);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}

/* The path of this program (caller frees), or NULL. */
static char *
sandbox_self_path(void)
{
	char path[4096];
	ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);

	if (n <= 0)
		return NULL;
	path[n] = '\0';
	return hs_xstrdup(path);
}

/* Give host commands the sandbox's AWS variables instead of ours, and
 * say where the sandbox and hipaa-shell are. */
static void
sandbox_host_env(struct sandbox *sb, const char *region)
{
	static const char *const drop[] = { "AWS_", "HIPAA_SANDBOX_",
	    "HIPAA_SHELL=", NULL };
	char *self = sandbox_self_path();
	char *set[] = {
		hs_xasprintf("AWS_ENDPOINT_URL=%s", sandbox_url(sb)),
		hs_xstrdup("AWS_ACCESS_KEY_ID=" SANDBOX_KEY_ID),
		hs_xstrdup("AWS_SECRET_ACCESS_KEY=" SANDBOX_SECRET),
		hs_xasprintf("AWS_REGION=%s", region),
		hs_xasprintf("AWS_DEFAULT_REGION=%s", region),
		hs_xstrdup("AWS_CONFIG_FILE=/dev/null"),
		hs_xstrdup("AWS_SHARED_CREDENTIALS_FILE=/dev/null"),
		hs_xasprintf("HIPAA_SANDBOX_URL=%s", sandbox_url(sb)),
		hs_xasprintf("HIPAA_SANDBOX_DATA=%s", sandbox_data_dir(sb)),
		self ? hs_xasprintf("HIPAA_SHELL=%s", self) : NULL,
		NULL,
	};
	size_t i;

	hs_host_env_set(drop, (const char *const *)set);
	for (i = 0; set[i] != NULL; i++)
		free(set[i]);
	free(self);
}

/* Point the session at the sandbox. */
static void
sandbox_point(struct hs_session *s, struct sandbox *sb)
{
	struct hs_settings *st = &s->settings;
	struct hs_resolved r;

	st->sandbox = true;
	free(st->endpoint_url);
	st->endpoint_url = hs_xstrdup(sandbox_url(sb));
	free(st->access_key_id);
	st->access_key_id = hs_xstrdup(SANDBOX_KEY_ID);
	hs_free_secret(st->secret_access_key);
	st->secret_access_key = hs_xstrdup(SANDBOX_SECRET);
	hs_vars_set(&s->vars, "HIPAA_SANDBOX_URL", sandbox_url(sb));
	hs_vars_set(&s->vars, "HIPAA_SANDBOX_DATA", sandbox_data_dir(sb));
	hs_resolve(st, &r);
	sandbox_host_env(sb, r.region);
	hs_resolved_clear(&r);
}

/* Start the session's sandbox and point every command at it. */
int
hs_sandbox_session_start(struct hs_session *s, const char *data_dir,
    struct sandbox **out, struct hs_error *err)
{
	char *data = sandbox_data_path(data_dir, err), *cause = NULL;

	*out = NULL;
	if (data == NULL)
		return err->status;
	if (sandbox_launch(s, data, out, &cause) != 0) {
		hs_error_set(err, HS_EXIT_CONFIG, HS_ERR_CONFIG, "--sandbox: "
		    "cannot start the sandbox: %s", cause);
		free(cause);
		free(data);
		return HS_EXIT_CONFIG;
	}
	free(data);
	sandbox_point(s, *out);
	return 0;
}

/* Stop the session's sandbox (NULL: none). */
void
hs_sandbox_session_stop(struct sandbox *sb)
{
	if (sb == NULL)
		return;
	sandbox_stop(sb);
	hs_host_env_set(NULL, NULL);
}
