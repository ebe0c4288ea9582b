/*
 * config-resolve.c: answer settings in the CLI's order - option,
 * environment, profile, (late environment,) default - and say where each
 * answer came from.
 *
 * Values are resolved on first use and remembered, so a bad value in a
 * setting nobody asks for is no error (as in the CLI), and each answer
 * stays the same for the resolver's life.
 */
#include "hs-common.h"
#include "config-int.h"

#include <strings.h>

struct aws_resolver {
	const struct aws_config *cfg;
	struct aws_env env;
	char *opt[AWS_OPT_COUNT];	/* copies of the options given */
	const char *profile;
	bool done[AWS_SETTING_COUNT];
	struct aws_setting_value val[AWS_SETTING_COUNT];
	char **owned;			/* strings the values point to */
	size_t nowned;
};

/* Keep a copy of s for the resolver's life. */
static const char *
keep(struct aws_resolver *res, const char *s)
{
	res->owned = hs_xreallocarray(res->owned, res->nowned + 1,
	    sizeof *res->owned);
	res->owned[res->nowned] = hs_xstrdup(s);
	return res->owned[res->nowned++];
}

/* Read an environment variable: its copy, or NULL when unset (or empty). */
static const char *
env_get(struct aws_resolver *res, const char *name, bool empty_ok)
{
	const char *v = res->env.get(res->env.arg, name);

	if (v == NULL || (*v == '\0' && !empty_ok))
		return NULL;
	return keep(res, v);
}

/* Set out to a value from a source. */
static bool
found(struct aws_setting_value *out, const char *value,
    enum aws_setting_source source, const char *from)
{
	out->value = value;
	out->source = source;
	out->from = from;
	return value != NULL;
}

/* Look in the profile: the plain key, then the sub-section key. */
static bool
from_profile(struct aws_resolver *res, const struct aws_setting_def *d,
    struct aws_setting_value *out)
{
	const char *v = NULL;

	if (d->key != NULL) {
		v = aws_config_get(res->cfg, res->profile, d->key, &out->origin);
		if (v != NULL && (*v != '\0' || d->empty_ok))
			return found(out, v, AWS_FROM_PROFILE, d->key);
	}
	if (d->sub != NULL) {
		v = aws_config_get_sub(res->cfg, res->profile, d->sub,
		    d->subkey, &out->origin);
		if (v != NULL && (*v != '\0' || d->empty_ok))
			return found(out, v, AWS_FROM_PROFILE, d->name);
	}
	return false;
}

/* Walk the chain of one setting; false when nothing is set. */
static bool
lookup(struct aws_resolver *res, const struct aws_setting_def *d,
    struct aws_setting_value *out)
{
	size_t i;

	if (d->option == AWS_OPT_NO_VERIFY_SSL && res->opt[d->option])
		return found(out, "false", AWS_FROM_OPTION, d->option_name);
	if (d->option != AWS_OPT_NONE && res->opt[d->option] != NULL)
		return found(out, res->opt[d->option], AWS_FROM_OPTION,
		    d->option_name);
	for (i = 0; i < HS_ARRAY_SIZE(d->env) && d->env[i] != NULL; i++)
		if (found(out, env_get(res, d->env[i], d->empty_ok),
		    AWS_FROM_ENV, d->env[i]))
			return true;
	if (res->profile != NULL && from_profile(res, d, out))
		return true;
	if (d->late_env != NULL && found(out, env_get(res, d->late_env,
	    d->empty_ok), AWS_FROM_ENV, d->late_env))
		return true;
	return false;
}

/* The default of a setting (max_attempts depends on retry_mode). */
static int
default_of(struct aws_resolver *res, enum aws_setting s, const char **dflt,
    char **cause)
{
	struct aws_setting_value mode;

	*dflt = aws_setting_def(s)->dflt;
	if (s != AWS_SETTING_MAX_ATTEMPTS)
		return 0;
	if (aws_resolve(res, AWS_SETTING_RETRY_MODE, &mode, cause) < 0)
		return -1;
	*dflt = strcmp(mode.value, "legacy") == 0 ? "5" : "3";
	return 0;
}

static char *where(const struct aws_setting_value *v);

/* Explain why a value is refused. */
static char *
invalid(const struct aws_setting_def *d, const struct aws_setting_value *v,
    const char *why)
{
	struct hs_buf b = HS_BUF_INIT;
	char *w = where(v);
	size_t i;

	hs_buf_addf(&b, "invalid %s '%s' %s: ", d->name, v->value, w);
	if (d->type == AWS_TYPE_CHOICE) {
		hs_buf_adds(&b, "expected one of");
		for (i = 0; d->choices[i] != NULL; i++)
			hs_buf_addf(&b, "%s %s", i ? "," : "", d->choices[i]);
	} else
		hs_buf_adds(&b, why);
	free(w);
	return hs_buf_detach(&b, NULL);
}

/* Resolve one setting. */
int
aws_resolve(struct aws_resolver *res, enum aws_setting s,
    struct aws_setting_value *out, char **cause)
{
	const struct aws_setting_def *d = aws_setting_def(s);
	const char *dflt, *why;

	if (res->done[s]) {
		*out = res->val[s];
		return 0;
	}
	memset(out, 0, sizeof *out);
	if (!lookup(res, d, out)) {
		memset(out, 0, sizeof *out);
		if (default_of(res, s, &dflt, cause) < 0)
			return -1;
		found(out, dflt, dflt ? AWS_FROM_DEFAULT : AWS_FROM_NONE, NULL);
	}
	if (out->value != NULL && (why = aws_setting_check(d, out->value))) {
		*cause = invalid(d, out, why);
		return -1;
	}
	res->val[s] = *out;
	res->done[s] = true;
	return 0;
}

/* Resolve a true/false setting; unset is false. */
int
aws_resolve_bool(struct aws_resolver *res, enum aws_setting s, bool *value,
    struct aws_setting_value *out, char **cause)
{
	struct aws_setting_value v;

	if (aws_resolve(res, s, &v, cause) < 0)
		return -1;
	*value = v.value != NULL && strcasecmp(v.value, "true") == 0;
	if (out != NULL)
		*out = v;
	return 0;
}

/* Resolve a number setting; unset is -1. */
int
aws_resolve_long(struct aws_resolver *res, enum aws_setting s, long *value,
    struct aws_setting_value *out, char **cause)
{
	struct aws_setting_value v;

	if (aws_resolve(res, s, &v, cause) < 0)
		return -1;
	*value = v.value != NULL ? strtol(v.value, NULL, 10) : -1;
	if (out != NULL)
		*out = v;
	return 0;
}

/* Copy the options given on the command line. */
static void
copy_options(struct aws_resolver *res, const struct aws_config_options *o)
{
	const char *given[AWS_OPT_COUNT] = {
		[AWS_OPT_PROFILE] = o->profile,
		[AWS_OPT_REGION] = o->region,
		[AWS_OPT_OUTPUT] = o->output,
		[AWS_OPT_ENDPOINT_URL] = o->endpoint_url,
		[AWS_OPT_CA_BUNDLE] = o->ca_bundle,
		[AWS_OPT_CONNECT_TIMEOUT] = o->connect_timeout,
		[AWS_OPT_READ_TIMEOUT] = o->read_timeout,
		[AWS_OPT_NO_VERIFY_SSL] = o->no_verify_ssl ? "true" : NULL,
	};
	size_t i;

	for (i = 0; i < AWS_OPT_COUNT; i++)
		res->opt[i] = given[i] ? hs_xstrdup(given[i]) : NULL;
}

/* Start resolving, and pick the profile. */
int
aws_resolver_new(struct aws_resolver **out, const struct aws_config *cfg,
    const struct aws_config_options *opts, const struct aws_env *env,
    char **cause)
{
	struct aws_resolver *res = hs_xcalloc(1, sizeof *res);
	struct aws_config_options none;
	struct aws_setting_value p;

	memset(&none, 0, sizeof none);
	res->cfg = cfg;
	res->env = *env;
	copy_options(res, opts ? opts : &none);
	*out = NULL;
	if (aws_resolve(res, AWS_SETTING_PROFILE, &p, cause) < 0)
		goto fail;
	if (p.source != AWS_FROM_DEFAULT && !aws_config_has_profile(cfg,
	    p.value)) {
		/* the AWS CLI's own words, capital letter and all */
		*cause = hs_xasprintf("The config profile (%s) could not be "
		    "found (profile from %s; looked in '%s' and '%s')",
		    p.value, p.from, aws_config_path(cfg,
		    AWS_CONFIG_KIND_CONFIG), aws_config_path(cfg,
		    AWS_CONFIG_KIND_CREDENTIALS));
		goto fail;
	}
	res->profile = p.value;
	*out = res;
	return 0;
fail:
	aws_resolver_free(res);
	return -1;
}

void
aws_resolver_free(struct aws_resolver *res)
{
	size_t i;

	if (res == NULL)
		return;
	for (i = 0; i < AWS_OPT_COUNT; i++)
		free(res->opt[i]);
	for (i = 0; i < res->nowned; i++)
		free(res->owned[i]);
	free(res->owned);
	free(res);
}

/* The profile in use. */
const char *
aws_resolver_profile(const struct aws_resolver *res)
{
	return res->profile;
}

/* The config the resolver reads. */
const struct aws_config *
aws_resolver_config(const struct aws_resolver *res)
{
	return res->cfg;
}

/* A service ID as endpoint variables spell it: spaces and '-' to '_'. */
static char *
service_key(const char *service_id, bool upper)
{
	char *k = hs_xstrdup(service_id), *p;

	for (p = k; *p != '\0'; p++) {
		if (*p == ' ' || *p == '-')
			*p = '_';
		else if (upper && *p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
		else if (!upper && *p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	}
	return k;
}

/* The endpoint_url of the profile's [services NAME] section: 1 found. */
static int
from_services(struct aws_resolver *res, const char *service_id,
    struct aws_setting_value *out, char **cause)
{
	struct aws_config_origin o;
	const char *name = aws_config_get(res->cfg, res->profile, "services",
	    &o), *v;
	char *key;

	if (name == NULL)
		return 0;
	if (!aws_config_has_services(res->cfg, name)) {
		*cause = hs_xasprintf("the profile is configured to use the "
		    "services section but the \"%s\" services configuration "
		    "does not exist (%s:%u)", name, o.file, o.line);
		return -1;
	}
	key = service_key(service_id, false);
	v = aws_config_services_get(res->cfg, name, key, "endpoint_url",
	    &out->origin);
	free(key);
	return found(out, v && *v ? v : NULL, AWS_FROM_SERVICES,
	    "endpoint_url") ? 1 : 0;
}

/* Look an endpoint URL up in the environment, per service then global. */
static bool
endpoint_from_env(struct aws_resolver *res, const char *service_id,
    struct aws_setting_value *out)
{
	char *key = service_key(service_id, true);
	char *var = hs_xasprintf("AWS_ENDPOINT_URL_%s", key);
	bool ok = found(out, env_get(res, var, false), AWS_FROM_ENV,
	    NULL);

	if (ok)
		out->from = keep(res, var);
	free(key);
	free(var);
	return ok || found(out, env_get(res, "AWS_ENDPOINT_URL", false),
	    AWS_FROM_ENV, "AWS_ENDPOINT_URL");
}

/* The endpoint URL configured for a service, in the CLI's order. */
int
aws_resolve_endpoint_url(struct aws_resolver *res, const char *service_id,
    struct aws_setting_value *out, char **cause)
{
	const char *v;
	bool ignore;
	int k;

	memset(out, 0, sizeof *out);
	if (found(out, res->opt[AWS_OPT_ENDPOINT_URL], AWS_FROM_OPTION,
	    "--endpoint-url"))
		return 0;
	if (aws_resolve_bool(res, AWS_SETTING_IGNORE_CONFIGURED_ENDPOINT_URLS,
	    &ignore, NULL, cause) < 0)
		return -1;
	if (ignore) {
		memset(out, 0, sizeof *out);
		return 0;
	}
	if (endpoint_from_env(res, service_id, out))
		return 0;
	if ((k = from_services(res, service_id, out, cause)) != 0)
		return k < 0 ? -1 : 0;
	v = aws_config_get(res->cfg, res->profile, "endpoint_url",
	    &out->origin);
	if (!found(out, v && *v ? v : NULL, AWS_FROM_PROFILE, "endpoint_url"))
		memset(out, 0, sizeof *out);
	return 0;
}

/* "from X": where a value came from. */
static char *
where(const struct aws_setting_value *v)
{
	switch (v->source) {
	case AWS_FROM_NONE:
		return hs_xstrdup("not set");
	case AWS_FROM_OPTION:
	case AWS_FROM_ENV:
		return hs_xasprintf("from %s", v->from);
	case AWS_FROM_PROFILE:
	case AWS_FROM_SERVICES:
		return hs_xasprintf("from [%s] (%s:%u)", v->origin.section,
		    v->origin.file, v->origin.line);
	case AWS_FROM_DEFAULT:
		return hs_xstrdup("from the default");
	}
	BUG("unknown setting source %d", (int)v->source);
}

/* Say where a value came from, for messages. */
char *
aws_setting_describe(const char *name, const struct aws_setting_value *v)
{
	char *w = where(v), *s;

	s = hs_xasprintf("%s%s%s", name ? name : "value",
	    v->source == AWS_FROM_NONE ? ": " : " ", w);
	free(w);
	return s;
}
