/*
 * operation-env.c: what a model operation runs with - the AWS CLI's
 * config files and settings (aws/config), the endpoint (aws/endpoint),
 * credentials (the chain of aws/creds) and the HTTP client (aws/http).
 *
 * A shell session keeps what is worth keeping between commands, in a
 * few slots keyed by the settings that shape them (profile, region,
 * endpoint URL, TLS and timeouts): the loaded config files, the
 * resolver, the HTTP client with its kept-alive connections, the
 * credential chain with its cached (assumed-role) credentials and the
 * signing-key cache. endpoints.json is loaded once. The endpoint and a
 * reference to current credentials are taken per command. The config
 * files are read once per slot: `.profile` to a new profile reads them
 * again.
 *
 * Failures are the AWS CLI's exit classes: a bad or missing
 * configuration, region or credentials is CONFIG (253).
 */
#include "hs-common.h"
#include "operation.h"

#define SLOTS 8

struct hs_op_slot {
	char *key;			/* the settings it was made for */
	unsigned long used;		/* for evicting the oldest */
	struct aws_config *cfg;
	struct aws_resolver *res;
	struct aws_http_client *http;
	struct aws_creds_chain *chain;
	struct sigv4_key_cache *keys;
};

static struct hs_op_slot slots[SLOTS];
static unsigned long use_clock;
static struct aws_endpoints *endpoints;
static bool endpoints_tried;

/* Record a failure. */
int
hs_op_fail(struct hs_op_error *e, enum hs_op_failure kind, const char *fmt,
    ...)
{
	va_list ap;

	free(e->message);
	e->kind = kind;
	va_start(ap, fmt);
	e->message = hs_xvasprintf(fmt, ap);
	va_end(ap);
	return -1;
}

void
hs_op_error_clear(struct hs_op_error *e)
{
	free(e->code);
	free(e->message);
	free(e->request_id);
	memset(e, 0, sizeof *e);
}

static void
slot_clear(struct hs_op_slot *s)
{
	aws_creds_chain_free(s->chain);
	aws_http_client_release(s->http);
	aws_resolver_free(s->res);
	aws_config_free(s->cfg);
	sigv4_key_cache_free(s->keys);
	free(s->key);
	memset(s, 0, sizeof *s);
}

/* Free the session state. */
void
hs_op_env_shutdown(void)
{
	size_t i;

	for (i = 0; i < SLOTS; i++)
		slot_clear(&slots[i]);
	aws_endpoints_free(endpoints);
	endpoints = NULL;
	endpoints_tried = false;
}

/* The key of a set of settings. */
static char *
slot_key(const struct hs_op_settings *s)
{
	return hs_xasprintf("%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%d\x1f%d\x1f%d",
	    s->profile ? s->profile : "", s->region ? s->region : "",
	    s->endpoint_url ? s->endpoint_url : "",
	    s->ca_bundle ? s->ca_bundle : "", s->output ? s->output : "",
	    s->connect_timeout, s->read_timeout, s->no_verify_ssl);
}

/* The options the resolver sees. */
static void
options_of(const struct hs_op_settings *s, struct aws_config_options *o,
    char *connect, char *read, size_t len)
{
	memset(o, 0, sizeof *o);
	o->profile = s->profile;
	o->region = s->region;
	o->output = s->output;
	o->endpoint_url = s->endpoint_url;
	o->ca_bundle = s->ca_bundle;
	o->no_verify_ssl = s->no_verify_ssl;
	if (s->connect_timeout >= 0) {
		snprintf(connect, len, "%d", s->connect_timeout);
		o->connect_timeout = connect;
	}
	if (s->read_timeout >= 0) {
		snprintf(read, len, "%d", s->read_timeout);
		o->read_timeout = read;
	}
}

/* Load the config files and start a resolver in a fresh slot. */
static int
slot_config(struct hs_op_slot *slot, const struct hs_op_settings *s,
    struct hs_op_error *err)
{
	struct aws_config_options o;
	char connect[16], read[16], *cause = NULL;

	options_of(s, &o, connect, read, sizeof connect);
	if (aws_config_load_env(&slot->cfg, &aws_env_process, &cause) < 0 ||
	    aws_resolver_new(&slot->res, slot->cfg, &o, &aws_env_process,
	    &cause) < 0) {
		hs_op_fail(err, HS_OP_FAIL_CONFIG, "%s", cause);
		free(cause);
		return -1;
	}
	slot->keys = sigv4_key_cache_new();
	return 0;
}

/* A timeout setting in milliseconds for the HTTP client (0: default). */
static long
timeout_ms(struct aws_resolver *res, enum aws_setting which, char **cause,
    int *rc)
{
	long v = -1;

	if (aws_resolve_long(res, which, &v, NULL, cause) < 0)
		*rc = -1;
	if (v < 0)
		return 0;
	return v == 0 ? -1 : v * 1000;
}

/* The HTTP client and the credential chain of a slot. */
static int
slot_connect(struct hs_op_slot *slot, const struct hs_op_settings *s,
    struct hs_op_error *err)
{
	struct aws_http_config hc = { false, NULL, 0, 0 };
	struct aws_creds_options co = { 0 };
	struct aws_setting_value ca;
	char *cause = NULL;
	bool verify = true;
	int rc = 0;

	if (aws_resolve_bool(slot->res, AWS_SETTING_VERIFY_SSL, &verify, NULL,
	    &cause) < 0 || aws_resolve(slot->res, AWS_SETTING_CA_BUNDLE, &ca,
	    &cause) < 0)
		rc = -1;
	hc.no_verify = s->no_verify_ssl;
	hc.ca_bundle = rc == 0 ? ca.value : NULL;
	hc.connect_timeout_ms = timeout_ms(slot->res,
	    AWS_SETTING_CONNECT_TIMEOUT, &cause, &rc);
	hc.read_timeout_ms = timeout_ms(slot->res, AWS_SETTING_READ_TIMEOUT,
	    &cause, &rc);
	if (rc == 0 && (slot->http = aws_http_client_new(&hc, &cause)) == NULL)
		rc = -1;
	if (rc == 0) {
		co.resolver = slot->res;
		co.endpoints = endpoints;
		co.http = slot->http;
		co.mfa_prompt = s->mfa_prompt;
		co.mfa_arg = s->mfa_arg;
		if ((slot->chain = aws_creds_chain_new(&co, &cause)) == NULL)
			rc = -1;
	}
	if (rc < 0)
		hs_op_fail(err, HS_OP_FAIL_CONFIG, "%s", cause);
	free(cause);
	return rc;
}

/* Find or make the slot for a set of settings. */
static struct hs_op_slot *
slot_for(const struct hs_op_settings *s, struct hs_op_error *err)
{
	char *key = slot_key(s);
	struct hs_op_slot *slot = &slots[0];
	size_t i;

	for (i = 0; i < SLOTS; i++) {
		if (slots[i].key != NULL && strcmp(slots[i].key, key) == 0) {
			free(key);
			slots[i].used = ++use_clock;
			return &slots[i];
		}
		if (slots[i].used < slot->used)
			slot = &slots[i];
	}
	slot_clear(slot);
	slot->key = key;
	slot->used = ++use_clock;
	if (slot_config(slot, s, err) < 0) {
		slot_clear(slot);
		return NULL;
	}
	return slot;
}

/* Resolve the settings needed before anything else. */
static int
early_settings(struct hs_op_env *env, struct hs_op_error *err)
{
	struct aws_setting_value v;
	char *cause = NULL;
	bool verify = true;

	if (aws_resolve(env->res, AWS_SETTING_OUTPUT, &v, &cause) < 0)
		goto fail;
	env->output = v.value ? v.value : "json";
	if (aws_resolve(env->res, AWS_SETTING_CLI_PAGER, &v, &cause) < 0)
		goto fail;
	env->pager = v.value ? v.value : "";
	if (aws_resolve(env->res, AWS_SETTING_CLI_BINARY_FORMAT, &v, &cause) < 0)
		goto fail;
	env->raw_blobs = v.value && strcmp(v.value, "raw-in-base64-out") == 0;
	if (aws_resolve_bool(env->res, AWS_SETTING_VERIFY_SSL, &verify, NULL,
	    &cause) < 0)
		goto fail;
	env->insecure = !verify;
	return 0;
fail:
	hs_op_fail(err, HS_OP_FAIL_CONFIG, "%s", cause);
	free(cause);
	return -1;
}

/* Load the configuration for a command. */
int
hs_op_env_open(struct hs_op_env *env, const struct hs_op_settings *s,
    struct hs_op_error *err)
{
	struct aws_endpoint empty = AWS_ENDPOINT_INIT;

	memset(env, 0, sizeof *env);
	env->ep = empty;
	env->s3_payload_signing = -1;
	if ((env->slot = slot_for(s, err)) == NULL)
		return -1;
	env->res = env->slot->res;
	env->keys = env->slot->keys;
	return early_settings(env, err);
}

/* The retry mode and attempts, and S3's payload signing. */
static int
call_settings(struct hs_op_env *env, struct hs_op_error *err)
{
	struct aws_setting_value mode, signing;
	char *cause = NULL;
	long attempts = -1;
	bool sign = false;

	if (aws_resolve(env->res, AWS_SETTING_RETRY_MODE, &mode, &cause) < 0 ||
	    aws_resolve_long(env->res, AWS_SETTING_MAX_ATTEMPTS, &attempts, NULL,
	    &cause) < 0 || aws_resolve_bool(env->res,
	    AWS_SETTING_S3_PAYLOAD_SIGNING_ENABLED, &sign, &signing,
	    &cause) < 0) {
		hs_op_fail(err, HS_OP_FAIL_CONFIG, "%s", cause);
		free(cause);
		return -1;
	}
	if (mode.value != NULL &&
	    aws_retry_mode_parse(mode.value, &env->retry.mode) < 0)
		return hs_op_fail(err, HS_OP_FAIL_CONFIG, "invalid retry_mode "
		    "'%s': use standard, legacy or adaptive", mode.value);
	env->s3_payload_signing = signing.value != NULL ? sign : -1;
	env->retry.max_attempts = attempts > 0 ? (int)attempts : 0;
	return 0;
}

/* Load endpoints.json once. */
static int
load_endpoints(struct hs_op_error *err)
{
	char *path, *cause = NULL;

	if (endpoints_tried)
		return endpoints ? 0 : hs_op_fail(err, HS_OP_FAIL_CONFIG,
		    "cannot resolve endpoints: endpoints.json was not loaded");
	endpoints_tried = true;
	path = aws_model_find_data_file("endpoints.json");
	if (path == NULL)
		return hs_op_fail(err, HS_OP_FAIL_CONFIG, "cannot find "
		    "botocore's endpoints.json beside the models");
	if (aws_endpoints_load(&endpoints, path, &cause) < 0) {
		hs_op_fail(err, HS_OP_FAIL_CONFIG, "%s", cause);
		free(cause);
	}
	free(path);
	return endpoints ? 0 : -1;
}

/* The credentials of the chain, or where it looked for them. */
static int
credentials(struct hs_op_env *env, time_t now, struct hs_op_error *err)
{
	char *cause = NULL;
	enum aws_creds_status st = aws_creds_chain_get(env->slot->chain, now,
	    &env->creds, &cause);

	if (st == AWS_CREDS_FOUND)
		return 0;
	if (st == AWS_CREDS_NOT_FOUND)
		hs_op_fail(err, HS_OP_FAIL_CONFIG, "Unable to locate credentials. "
		    "You can configure credentials by running \"aws configure\"."
		    "\n%s", cause ? cause : "");
	else
		hs_op_fail(err, HS_OP_FAIL_CONFIG, "%s", cause);
	free(cause);
	return -1;
}

/* Resolve the endpoint and credentials for a command. */
int
hs_op_env_connect(struct hs_op_env *env, const struct hs_op_settings *s,
    const struct aws_service *svc, bool unsigned_op, time_t now,
    struct hs_op_error *err)
{
	struct aws_service_meta meta = { svc->service_id, svc->endpoint_prefix,
	    svc->signing_name, svc->global_endpoint };
	char *cause = NULL;

	if (load_endpoints(err) < 0 || call_settings(env, err) < 0)
		return -1;
	if (env->slot->http == NULL && slot_connect(env->slot, s, err) < 0)
		return -1;
	env->http = env->slot->http;
	aws_http_client_set_log(env->http, s->debug ? aws_http_log_stream :
	    NULL, s->debug_log);
	aws_http_client_set_cancel(env->http, s->cancel);
	if (aws_endpoint_resolve(endpoints, &meta, env->res, &env->ep,
	    &cause) < 0) {
		hs_op_fail(err, HS_OP_FAIL_CONFIG, "%s", cause);
		free(cause);
		return -1;
	}
	return unsigned_op ? 0 : credentials(env, now, err);
}

void
hs_op_env_close(struct hs_op_env *env)
{
	aws_endpoint_clear(&env->ep);
	aws_credentials_release(env->creds);
	memset(env, 0, sizeof *env);
}
