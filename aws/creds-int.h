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
	struct aws_resolver *resolver;
	const struct aws_config *config;
	const struct aws_env *env;
	const struct aws_endpoints *endpoints;
	struct aws_http_client *http;
	aws_creds_mfa_fn *mfa_prompt;
	void *mfa_arg;
	char *home;
	char *container_host;
	struct creds_cache_entry *cache;	/* roles and SSO, in memory */
};

typedef enum aws_creds_status creds_load_fn(struct creds_ctx *ctx,
    const char *profile, time_t now, struct aws_credentials **out,
    struct hs_buf *looked, char **cause);

/* creds-config.c: the config files and settings, through aws/config.h */
enum creds_file { CREDS_FILE_CONFIG, CREDS_FILE_CREDENTIALS };

/* The path of one of the two files (for messages). */
const char *creds_file_path(struct creds_ctx *ctx, enum creds_file which);
/* A profile's value in one file only, or NULL. */
const char *creds_file_value(struct creds_ctx *ctx, enum creds_file which,
    const char *profile, const char *key);
/* Tell whether one file has the profile. */
bool creds_file_has_profile(struct creds_ctx *ctx, enum creds_file which,
    const char *profile);
/* Tell whether either file has the profile. */
bool creds_profile_exists(struct creds_ctx *ctx, const char *profile);
/* A value of an [sso-session NAME] section, or NULL. */
const char *creds_sso_session_value(struct creds_ctx *ctx, const char *name,
    const char *key);
bool creds_sso_session_exists(struct creds_ctx *ctx, const char *name);
/* Resolve the endpoint of STS (region NULL: the resolver's) or SSO
 * (the profile's sso_region) with the CLI's overrides, and point req at
 * it (its path is joined to any base path); -1 with *cause. */
int creds_endpoint(struct creds_ctx *ctx, const char *service,
    const char *region, struct aws_request *req, char **cause);
/* Resolve a setting of the profile in use; -1 with *cause if invalid. */
int creds_resolve(struct creds_ctx *ctx, enum aws_setting s,
    const char **value, char **cause);
int creds_resolve_bool(struct creds_ctx *ctx, enum aws_setting s,
    bool *value, char **cause);
int creds_resolve_long(struct creds_ctx *ctx, enum aws_setting s,
    long *value, char **cause);
/* A profile's value for key (config file and credentials file merged, as
 * botocore's full_config), or NULL. */
const char *creds_profile_value(struct creds_ctx *ctx, const char *profile,
    const char *key);

/* creds-env.c */
creds_load_fn creds_env_load;
/* creds-container.c */
creds_load_fn creds_container_load;
#ifdef HS_UNIT_TESTS
int creds_container_check_url(const char *url, char **cause);
#endif
/* creds-imds.c */
creds_load_fn creds_imds_load;
/* creds-process.c */
creds_load_fn creds_process_load;
#ifdef HS_UNIT_TESTS
char **creds_process_split(const char *s, size_t *argc);
#endif
/* creds-profile.c */
creds_load_fn creds_shared_file_load;
creds_load_fn creds_config_file_load;
/* creds-assume-role.c */
creds_load_fn creds_assume_role_load;
/* creds-web-identity.c */
creds_load_fn creds_web_identity_load;
/* Web identity without the AWS_* variables (a source profile's chain). */
creds_load_fn creds_web_identity_profile_load;
/* creds-sso.c */
creds_load_fn creds_sso_load;
/* creds-sts.c: AssumeRole and AssumeRoleWithWebIdentity. */
struct creds_sts_result {
	char *access_key_id;
	char *secret_access_key;	/* secret */
	char *session_token;		/* secret */
	char *expiration;		/* ISO 8601, as STS wrote it */
	char *assumed_role_arn;		/* AssumedRoleUser/Arn, or NULL */
	char *assumed_role_id;
};

/* Call STS action with params (signed with signer, or unsigned when
 * NULL); 0 with *res filled, or -1 with *cause. */
int creds_sts_call(struct creds_ctx *ctx, const char *action,
    const struct aws_kvlist *params,
    struct aws_credentials *signer, struct creds_sts_result *res,
    char **cause);
void creds_sts_result_clear(struct creds_sts_result *res);

/* creds-cache.c: the CLI's JSON cache and the chain's memory cache. */
struct creds_cache_arg {
	const char *name;
	const char *value;		/* NULL: left out */
	bool number;			/* written as a JSON number */
};

/* botocore's cache key: SHA-1 of json.dumps(args, sort_keys=True) (args
 * given sorted), minified (separators=(',', ':')) for SSO. */
char *creds_cache_key(const struct creds_cache_arg *args, size_t n,
    bool minified);
#ifdef HS_UNIT_TESTS
void creds_py_json_string(struct hs_buf *b, const char *s);
#endif
/* Credentials cached under key and valid beyond the refresh margin. */
struct aws_credentials *creds_cache_get(struct creds_ctx *ctx,
    const char *key, bool file, time_t now, const char *provider);
/* Remember credentials in memory and, when file, in ~/.aws/cli/cache. */
void creds_cache_put(struct creds_ctx *ctx, const char *key, bool file,
    struct aws_credentials *creds, const struct creds_sts_result *res);
/* Make credentials from an STS result; NULL with *cause. */
struct aws_credentials *creds_from_sts(const struct creds_sts_result *res,
    const char *provider, char **cause);

/* creds-chain.c */
/* The providers that read a profile (a source_profile's chain). */
enum aws_creds_status creds_profile_chain_load(struct creds_ctx *ctx,
    const char *profile, time_t now, struct aws_credentials **out,
    struct hs_buf *looked, char **cause);
/* The provider a credential_source names, or NULL if none. */
creds_load_fn *creds_named_source(const char *name);

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

#endif
