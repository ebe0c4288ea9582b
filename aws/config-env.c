/*
 * config-env.c: the environment lookup, and the paths of the two shared
 * files with botocore's expansion (os.path.expandvars, then
 * os.path.expanduser): "$VAR" and "${VAR}" are replaced when set and left
 * alone when not, then a leading "~" is $HOME (or the password entry) and
 * "~user" that user's home.
 */
#include "hs-common.h"
#include "config-int.h"

#include <pwd.h>
#include <unistd.h>

/* Read the process environment. */
static const char *
process_get(void *arg, const char *name)
{
	return getenv(name);
}

const struct aws_env aws_env_process = { process_get, NULL };

static bool
word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

/* Replace $VAR and ${VAR} when VAR is set (posixpath.expandvars). */
static void
expand_vars(struct hs_buf *out, const struct aws_env *env, const char *s)
{
	while (*s != '\0') {
		const char *start = s + 1, *end;
		char *name;
		const char *value;

		if (*s != '$') {
			hs_buf_addch(out, *s++);
			continue;
		}
		if (*start == '{') {
			end = strchr(start, '}');
			name = end ? hs_xstrndup(start + 1, (size_t)(end - start
			    - 1)) : NULL;
			end = end ? end + 1 : NULL;
		} else {
			for (end = start; word_char(*end); end++)
				;
			name = end > start ? hs_xstrndup(start,
			    (size_t)(end - start)) : NULL;
		}
		value = name ? env->get(env->arg, name) : NULL;
		if (value != NULL) {
			hs_buf_adds(out, value);
			s = end;
		} else
			hs_buf_addch(out, *s++);
		free(name);
	}
}

/* The home folder of "~" or "~user", or NULL (posixpath.expanduser). */
static char *
home_of(const struct aws_env *env, const char *user, size_t n)
{
	const char *home = n == 0 ? env->get(env->arg, "HOME") : NULL;
	struct passwd *pw = NULL;
	char *name;

	if (home != NULL)
		return hs_xstrdup(home);
	if (n == 0) {
		pw = getpwuid(getuid());
	} else {
		name = hs_xstrndup(user, n);
		pw = getpwnam(name);
		free(name);
	}
	return pw && pw->pw_dir ? hs_xstrdup(pw->pw_dir) : NULL;
}

/* Expand "$VAR", "${VAR}" (when set) and a leading "~" or "~user". */
char *
aws_config_expand_path(const struct aws_env *env, const char *path)
{
	struct hs_buf b = HS_BUF_INIT;
	char *s, *home;
	size_t i, hlen;

	expand_vars(&b, env, path);
	s = hs_buf_detach(&b, NULL);
	if (s[0] != '~')
		return s;
	i = strcspn(s + 1, "/") + 1;
	home = home_of(env, s + 1, i - 1);
	if (home == NULL)
		return s;
	hlen = strlen(home);
	while (hlen > 0 && home[hlen - 1] == '/')
		hlen--;
	hs_buf_add(&b, home, hlen);
	hs_buf_adds(&b, s + i);
	if (b.len == 0)
		hs_buf_addch(&b, '/');
	free(home);
	free(s);
	return hs_buf_detach(&b, NULL);
}

/* One path: the variable when set and not empty, else the default. */
static char *
file_path(const struct aws_env *env, const char *var, const char *dflt)
{
	const char *v = env->get(env->arg, var);

	return aws_config_expand_path(env, v && *v ? v : dflt);
}

/* The paths of both files. */
void
aws_config_paths(const struct aws_env *env, char **config_path,
    char **credentials_path)
{
	*config_path = file_path(env, "AWS_CONFIG_FILE", "~/.aws/config");
	*credentials_path = file_path(env, "AWS_SHARED_CREDENTIALS_FILE",
	    "~/.aws/credentials");
}
