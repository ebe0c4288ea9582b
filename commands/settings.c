/*
 * settings.c: the settings a command runs with, and where the profile
 * and region come from.
 *
 * hs_resolve() is the one function that decides the profile and region.
 * It follows the AWS CLI v2: the option (or .profile/.region), then
 * AWS_PROFILE / AWS_DEFAULT_PROFILE and AWS_REGION / AWS_DEFAULT_REGION,
 * then the profile's own `region` in the AWS config files. commands/
 * does not read those files itself: the model operation, which keeps
 * them loaded for the session, lends a hook (hs_profile_region_fn), so
 * that the prompt, .region and the commands all read the same files.
 *
 * A --sandbox session reads no AWS config file: its profile is always
 * "default", its region the option, the environment, else us-east-1, and
 * it refuses --profile and --endpoint-url (every request goes to the
 * session's sandbox with the sandbox's credentials).
 */
#include "hs-common.h"
#include "commands.h"

#include <ctype.h>
#include <errno.h>

/* The region of a --sandbox session when none is set. */
#define SANDBOX_REGION "us-east-1"

static hs_profile_region_fn *profile_region;

/* Start with nothing set: verify TLS, paginate, default timeouts. */
void
hs_settings_init(struct hs_settings *s)
{
	memset(s, 0, sizeof *s);
	s->connect_timeout = -1;
	s->read_timeout = -1;
	s->verify_ssl = true;
	s->paginate = true;
}

static char *
dup_or_null(const char *s)
{
	return s ? hs_xstrdup(s) : NULL;
}

/* Make dst a deep copy of src. */
void
hs_settings_copy(struct hs_settings *dst, const struct hs_settings *src)
{
	hs_settings_clear(dst);
	*dst = *src;
	dst->profile = dup_or_null(src->profile);
	dst->region = dup_or_null(src->region);
	dst->output = dup_or_null(src->output);
	dst->endpoint_url = dup_or_null(src->endpoint_url);
	dst->ca_bundle = dup_or_null(src->ca_bundle);
	dst->query = dup_or_null(src->query);
	dst->access_key_id = dup_or_null(src->access_key_id);
	dst->secret_access_key = dup_or_null(src->secret_access_key);
}

/* Free the strings; dst is left as hs_settings_init() leaves it. */
void
hs_settings_clear(struct hs_settings *s)
{
	free(s->profile);
	free(s->region);
	free(s->output);
	free(s->endpoint_url);
	free(s->ca_bundle);
	free(s->query);
	free(s->access_key_id);
	hs_free_secret(s->secret_access_key);
	hs_settings_init(s);
}

/* Tell whether name is a well-formed region name, as botocore checks:
 * ^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$ */
bool
hs_region_valid(const char *name)
{
	size_t len = strlen(name), i;

	if (len == 0 || len > 63 || name[0] == '-' || name[len - 1] == '-')
		return false;
	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)name[i]) && name[i] != '-')
			return false;
	return true;
}

/* Parse a timeout: a whole number of seconds, 0 or more. */
static int
parse_timeout(const char *value, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(value, &end, 10);
	if (errno != 0 || end == value || *end != '\0' || v < 0 || v > 86400)
		return -1;
	*out = (int)v;
	return 0;
}

/* Tell whether url has an http or https scheme and a host. */
static bool
endpoint_valid(const char *url)
{
	const char *host;

	if (hs_starts_with(url, "https://"))
		host = url + 8;
	else if (hs_starts_with(url, "http://"))
		host = url + 7;
	else
		return false;
	return *host != '\0' && *host != '/' && *host != ':';
}

/* Replace an owned string with a copy of value. */
static void
set_string(char **slot, const char *value)
{
	free(*slot);
	*slot = hs_xstrdup(value);
}

/* Apply a value-taking option; HS_OPT_BAD_VALUE if the value is invalid. */
static enum hs_opt_error
apply_value(struct hs_settings *s, const struct hs_option *opt,
    const char *value)
{
	switch (opt->id) {
	case HS_OPT_PROFILE:
		if (*value == '\0')
			return HS_OPT_BAD_VALUE;
		set_string(&s->profile, value);
		return HS_OPT_OK;
	case HS_OPT_REGION:
		if (!hs_region_valid(value))
			return HS_OPT_BAD_VALUE;
		set_string(&s->region, value);
		return HS_OPT_OK;
	case HS_OPT_OUTPUT:
		if (!hs_output_valid(value))
			return HS_OPT_BAD_VALUE;
		set_string(&s->output, value);
		return HS_OPT_OK;
	case HS_OPT_ENDPOINT_URL:
		if (!endpoint_valid(value))
			return HS_OPT_BAD_VALUE;
		set_string(&s->endpoint_url, value);
		return HS_OPT_OK;
	case HS_OPT_CA_BUNDLE:
	case HS_OPT_QUERY:
		if (*value == '\0')
			return HS_OPT_BAD_VALUE;
		set_string(opt->id == HS_OPT_QUERY ? &s->query : &s->ca_bundle,
		    value);
		return HS_OPT_OK;
	case HS_OPT_CONNECT_TIMEOUT:
		return parse_timeout(value, &s->connect_timeout) < 0 ?
		    HS_OPT_BAD_VALUE : HS_OPT_OK;
	case HS_OPT_READ_TIMEOUT:
		return parse_timeout(value, &s->read_timeout) < 0 ?
		    HS_OPT_BAD_VALUE : HS_OPT_OK;
	default:
		return HS_OPT_WRONG_PLACE;
	}
}

/* Apply a per-command option to settings. */
enum hs_opt_error
hs_settings_apply(struct hs_settings *s, const struct hs_option *opt,
    const char *value)
{
	if (s->sandbox && (opt->id == HS_OPT_PROFILE ||
	    opt->id == HS_OPT_ENDPOINT_URL))
		return HS_OPT_SANDBOX_REFUSED;
	switch (opt->id) {
	case HS_OPT_DEBUG:
		s->debug = true;
		return HS_OPT_OK;
	case HS_OPT_DRY_RUN:
		s->dry_run = true;
		return HS_OPT_OK;
	case HS_OPT_NO_PAGINATE:
		s->paginate = false;
		return HS_OPT_OK;
	case HS_OPT_NO_VERIFY_SSL:
		s->verify_ssl = false;
		return HS_OPT_OK;
	default:
		if (value == NULL)
			return HS_OPT_MISSING_VALUE;
		return apply_value(s, opt, value);
	}
}

/* The first non-empty environment variable of two, and its name. */
static const char *
env_first(const char *a, const char *b, const char **source)
{
	const char *v = getenv(a);

	if (v != NULL && *v != '\0') {
		*source = a;
		return v;
	}
	v = getenv(b);
	if (v != NULL && *v != '\0') {
		*source = b;
		return v;
	}
	return NULL;
}

/* Lend hs_resolve() the reader of a profile's region; NULL: none. */
void
hs_resolve_set_profile_region(hs_profile_region_fn *fn)
{
	profile_region = fn;
}

/* The profile: the setting, the environment, else "default". */
static void
resolve_profile(const struct hs_settings *s, struct hs_resolved *out)
{
	const char *v;

	if (s->sandbox) {
		out->profile = hs_xstrdup("default");
		out->profile_source = "--sandbox";
	} else if (s->profile != NULL) {
		out->profile = hs_xstrdup(s->profile);
		out->profile_source = "--profile";
	} else if ((v = env_first("AWS_PROFILE", "AWS_DEFAULT_PROFILE",
	    &out->profile_source)) != NULL) {
		out->profile = hs_xstrdup(v);
	} else {
		out->profile = hs_xstrdup("default");
		out->profile_source = "default";
	}
}

/* Check the profile and take its region when none is set yet. */
static void
resolve_from_profile(const struct hs_settings *s, struct hs_resolved *out)
{
	char *region = NULL, *cause = NULL;

	if (profile_region(s, &region, &cause) < 0) {
		out->error = cause;
		return;
	}
	if (out->region == NULL && region != NULL) {
		out->region = region;
		out->region_source = "profile";
		return;
	}
	free(region);
}

/* Decide the profile and region a command uses, and where each came from. */
void
hs_resolve(const struct hs_settings *s, struct hs_resolved *out)
{
	const char *v;

	memset(out, 0, sizeof *out);
	resolve_profile(s, out);
	if (s->region != NULL) {
		out->region = hs_xstrdup(s->region);
		out->region_source = "--region";
	} else if ((v = env_first("AWS_REGION", "AWS_DEFAULT_REGION",
	    &out->region_source)) != NULL) {
		out->region = hs_xstrdup(v);
	} else if (s->sandbox) {
		out->region = hs_xstrdup(SANDBOX_REGION);
		out->region_source = "--sandbox";
	}
	if (!s->sandbox && profile_region != NULL)
		resolve_from_profile(s, out);
}

/* Free the resolved strings. */
void
hs_resolved_clear(struct hs_resolved *r)
{
	free(r->profile);
	free(r->region);
	free(r->error);
	memset(r, 0, sizeof *r);
}
