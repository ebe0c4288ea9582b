/*
 * creds-int.h: what the credential providers share.
 *
 * A provider is a function of the chain's context and a profile name: it
 * returns AWS_CREDS_FOUND with new credentials, AWS_CREDS_NOT_FOUND after
 * appending where it looked to *looked ("; "-separated phrases), or
 * AWS_CREDS_ERROR with *cause. Providers keep no state of their own; the
 * context holds the assume-role memory cache and the options.
 */
#ifndef HS_AWS_CREDS_INT_H
#define HS_AWS_CREDS_INT_H

#include "hs-common.h"
#include "creds.h"

#include <cjson/cJSON.h>

struct creds_cache_entry {
	char *key;			/* botocore's cache key */
	struct aws_credentials *creds;
	struct creds_cache_entry *next;
};

struct creds_ctx {
	char *profile;
	bool profile_explicit;
	const struct aws_config *config;
	struct aws_config *own_config;	/* loaded by the chain, or NULL */
	struct aws_http_client *http;
	char *region;
	aws_creds_getenv_fn *getenv;
	void *getenv_arg;
	aws_creds_mfa_fn *mfa_prompt;
	void *mfa_arg;
	char *home;
	char *container_host;
	struct creds_cache_entry *cache;	/* assume role, in memory */
	int depth;			/* source_profile nesting */
};

typedef enum aws_creds_status creds_load_fn(struct creds_ctx *ctx,
    const char *profile, time_t now, struct aws_credentials **out,
    struct hs_buf *looked, char **cause);

/* creds-config.c: the config files, through aws/config.h */
/* Load the config files unless the options gave them. */
int creds_config_open(struct creds_ctx *ctx, char **cause);
void creds_config_close(struct creds_ctx *ctx);
/* A profile's value for key (config file and credentials file merged, as
 * botocore's full_config), or NULL. */
const char *creds_profile_value(struct creds_ctx *ctx, const char *profile,
    const char *key);
/* A setting: the environment variable env, else the profile's key. */
const char *creds_setting(struct creds_ctx *ctx, const char *profile,
    const char *env, const char *key);
/* A numeric setting; *value is left alone when unset; -1 with *cause when
 * it is not a number. */
int creds_setting_number(struct creds_ctx *ctx, const char *profile,
    const char *env, const char *key, double *value, char **cause);

/* creds-env.c */
creds_load_fn creds_env_load;
/* creds-container.c */
creds_load_fn creds_container_load;
#ifdef HS_UNIT_TESTS
int creds_container_check_url(const char *url, char **cause);
#endif
/* creds-imds.c */
creds_load_fn creds_imds_load;

/* creds-common.c */
/* An environment variable, or NULL when unset or empty. */
const char *creds_getenv(const struct creds_ctx *ctx, const char *name);
/* Append a phrase to the list of places looked. */
HS_PRINTF(2, 3) void creds_looked(struct hs_buf *looked, const char *fmt,
    ...);
/* Make credentials from a JSON object with the given member names
 * (token and expiration members may be NULL: not read). */
enum aws_creds_status creds_from_json(const cJSON *o, const char *akid,
    const char *secret, const char *token, const char *expiration,
    const char *provider, struct aws_credentials **out, char **cause);
/* Parse JSON text; NULL on a syntax error. */
cJSON *creds_json_parse(const char *text, size_t len);
/* Wipe every string in a JSON tree, then free it. */
void creds_json_free(cJSON *o);
/* A JSON member's string value, or NULL. */
const char *creds_json_str(const cJSON *o, const char *name);
/* GET (or PUT) url with headers ("Name: value" pairs), timeouts in ms;
 * returns 0 with resp filled (any status), or -1 with *cause. */
int creds_http(struct creds_ctx *ctx, const char *method, const char *url,
    const struct aws_kvlist *headers, long timeout_ms, bool secret_body,
    struct aws_response *resp, char **cause);
/* Read a small file whole (a token file); NULL with *cause. */
char *creds_read_file(const char *path, size_t max, char **cause);
/* Tell whether s says true (case-insensitively "true"). */
bool creds_is_true(const char *s);

#endif
