/*
 * config.h: the AWS CLI's shared files (~/.aws/config and
 * ~/.aws/credentials) and the resolution of every setting.
 *
 * Two layers:
 * - struct aws_config: both files, parsed exactly as botocore does it
 *   (Python's RawConfigParser, then botocore's configloader): "[default]"
 *   and "[profile NAME]" in the config file, "[NAME]" in the credentials
 *   file, "[sso-session NAME]", "[services NAME]", sub-sections ("s3 ="
 *   then indented "key = value" lines), "#" and ";" comments on their own
 *   line only (a "#" after a value is part of the value, as in botocore),
 *   keys lower-cased, ":" as well as "=" between key and value, indented
 *   continuation lines, [DEFAULT] keys inherited by every section of its
 *   file. A profile in both files reads the credentials file first, key
 *   by key, as botocore merges them. A missing file is an empty file.
 *   A malformed file is an error "FILE:LINE: message".
 * - struct aws_resolver: answers one setting at a time in the CLI's
 *   order - command-line option, then environment, then the profile, then
 *   the default - and says where the answer came from ("region from
 *   AWS_REGION"). The environment is a lookup function so tests need not
 *   touch the real one.
 *
 * Where CLI v1 and v2 differ, v2 wins (AWS_REGION before
 * AWS_DEFAULT_REGION, AWS_PROFILE before AWS_DEFAULT_PROFILE, retry mode
 * "standard"). Deliberate differences from the CLI, for safety: a boolean
 * must be "true" or "false" (botocore reads anything else as false, so
 * "use_fips_endpoint = yes" would silently disable FIPS); an empty
 * environment variable counts as unset (except AWS_PAGER, where empty
 * means "no pager"); a file that exists but cannot be read is an error,
 * not silently skipped.
 *
 * Ownership: a loaded aws_config owns every string it returns; they stay
 * valid until aws_config_free(). A resolver borrows its aws_config (which
 * must outlive it) and copies the options and environment values it
 * reads; values it returns stay valid until aws_resolver_free(). char *
 * results of functions named _describe / _paths belong to the caller.
 * Errors come back through char **cause (caller frees). Nothing prints.
 */
#ifndef HS_AWS_CONFIG_H
#define HS_AWS_CONFIG_H

#include "hs-common.h"

/* An environment to read variables from. */
struct aws_env {
	/* The value of a variable, or NULL when it is not set. */
	const char *(*get)(void *arg, const char *name);
	void *arg;
};

/* The process environment (getenv). */
extern const struct aws_env aws_env_process;

/* Which of the two files. */
enum aws_config_kind {
	AWS_CONFIG_KIND_CONFIG,		/* ~/.aws/config, AWS_CONFIG_FILE */
	AWS_CONFIG_KIND_CREDENTIALS,	/* ~/.aws/credentials, AWS_SHARED_CREDENTIALS_FILE */
};

/* Where a value was read. */
struct aws_config_origin {
	const char *file;	/* the file's path (borrowed from the aws_config) */
	unsigned line;		/* line of the key, from 1 */
	const char *section;	/* the section header as written: "profile dev" */
};

struct aws_config;

/*
 * The paths of both files: AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE
 * or ~/.aws/config and ~/.aws/credentials, "$VAR" / "${VAR}" then "~"
 * expanded as botocore does. Both strings belong to the caller.
 */
void aws_config_paths(const struct aws_env *env, char **config_path,
    char **credentials_path);
/* Expand "$VAR", "${VAR}" (when set) and a leading "~" or "~user". */
char *aws_config_expand_path(const struct aws_env *env, const char *path);

/*
 * Load both files; either path may name a missing file (it is then
 * empty). Returns 0, or -1 with *cause "FILE:LINE: message" for a
 * malformed file, or "cannot read 'FILE': reason".
 */
int aws_config_load(struct aws_config **out, const char *config_path,
    const char *credentials_path, char **cause);
/* Load the files the environment names (aws_config_paths). */
int aws_config_load_env(struct aws_config **out, const struct aws_env *env,
    char **cause);
/* An empty configuration (no files), e.g. for --sandbox. */
struct aws_config *aws_config_new_empty(void);
void aws_config_free(struct aws_config *cfg);

/* The path a file was loaded from, and whether it existed. */
const char *aws_config_path(const struct aws_config *cfg,
    enum aws_config_kind kind);
bool aws_config_found(const struct aws_config *cfg, enum aws_config_kind kind);

/* Tell whether a profile exists in either file. */
bool aws_config_has_profile(const struct aws_config *cfg, const char *profile);
/*
 * The names of every profile of both files, sorted, each once. Returns
 * the count; *names is a new NULL-terminated array that the caller frees
 * (not the strings, which belong to cfg).
 */
size_t aws_config_profile_names(const struct aws_config *cfg,
    const char ***names);

/*
 * A profile's value for key (lower-case), credentials file first, then
 * config file; NULL when unset (or when key is a sub-section). origin
 * may be NULL.
 */
const char *aws_config_get(const struct aws_config *cfg, const char *profile,
    const char *key, struct aws_config_origin *origin);
/* A key of a profile's sub-section: ("dev", "s3", "addressing_style"). */
const char *aws_config_get_sub(const struct aws_config *cfg,
    const char *profile, const char *section, const char *key,
    struct aws_config_origin *origin);
/* A profile's value in one file only (the credential providers need it). */
const char *aws_config_file_get(const struct aws_config *cfg,
    enum aws_config_kind kind, const char *profile, const char *key,
    struct aws_config_origin *origin);
/* Tell whether a profile exists in one file. */
bool aws_config_file_has_profile(const struct aws_config *cfg,
    enum aws_config_kind kind, const char *profile);

/* [sso-session NAME] of the config file. */
bool aws_config_has_sso_session(const struct aws_config *cfg,
    const char *name);
const char *aws_config_sso_session_get(const struct aws_config *cfg,
    const char *name, const char *key, struct aws_config_origin *origin);
/* [services NAME] of the config file: ("local", "s3", "endpoint_url"). */
bool aws_config_has_services(const struct aws_config *cfg, const char *name);
const char *aws_config_services_get(const struct aws_config *cfg,
    const char *name, const char *service, const char *key,
    struct aws_config_origin *origin);

/* --- Resolution of settings -------------------------------------------- */

/* Values given on the command line (or by dot commands); NULL: not given. */
struct aws_config_options {
	const char *profile;		/* --profile */
	const char *region;		/* --region */
	const char *output;		/* --output */
	const char *endpoint_url;	/* --endpoint-url (every service) */
	const char *ca_bundle;		/* --ca-bundle */
	const char *connect_timeout;	/* --cli-connect-timeout, seconds */
	const char *read_timeout;	/* --cli-read-timeout, seconds */
	bool no_verify_ssl;		/* --no-verify-ssl */
};

/* The settings the resolver knows, with their documented names. */
enum aws_setting {
	AWS_SETTING_PROFILE,		/* --profile, AWS_PROFILE, AWS_DEFAULT_PROFILE; "default" */
	AWS_SETTING_REGION,		/* --region, AWS_REGION, AWS_DEFAULT_REGION, region */
	AWS_SETTING_OUTPUT,		/* --output, AWS_DEFAULT_OUTPUT, output; "json" */
	AWS_SETTING_CA_BUNDLE,		/* --ca-bundle, AWS_CA_BUNDLE, ca_bundle */
	AWS_SETTING_VERIFY_SSL,		/* --no-verify-ssl gives "false"; "true" */
	AWS_SETTING_CONNECT_TIMEOUT,	/* --cli-connect-timeout; "60" (0: none) */
	AWS_SETTING_READ_TIMEOUT,	/* --cli-read-timeout; "60" (0: none) */
	AWS_SETTING_MAX_ATTEMPTS,	/* AWS_MAX_ATTEMPTS, max_attempts; 3 (legacy: 5) */
	AWS_SETTING_RETRY_MODE,		/* AWS_RETRY_MODE, retry_mode; "standard" */
	AWS_SETTING_USE_FIPS_ENDPOINT,	/* AWS_USE_FIPS_ENDPOINT, use_fips_endpoint */
	AWS_SETTING_USE_DUALSTACK_ENDPOINT, /* AWS_USE_DUALSTACK_ENDPOINT, use_dualstack_endpoint */
	AWS_SETTING_IGNORE_CONFIGURED_ENDPOINT_URLS, /* AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, ignore_configured_endpoint_urls */
	AWS_SETTING_STS_REGIONAL_ENDPOINTS, /* AWS_STS_REGIONAL_ENDPOINTS, sts_regional_endpoints; "regional" */
	AWS_SETTING_S3_ADDRESSING_STYLE, /* s3.addressing_style: auto, virtual, path; "auto" */
	AWS_SETTING_S3_US_EAST_1_REGIONAL_ENDPOINT, /* AWS_S3_US_EAST_1_REGIONAL_ENDPOINT, s3_us_east_1_regional_endpoint, s3.us_east_1_regional_endpoint; "legacy" */
	AWS_SETTING_S3_PAYLOAD_SIGNING_ENABLED, /* s3.payload_signing_enabled */
	AWS_SETTING_EC2_METADATA_DISABLED, /* AWS_EC2_METADATA_DISABLED; "false" */
	AWS_SETTING_EC2_METADATA_SERVICE_ENDPOINT, /* AWS_EC2_METADATA_SERVICE_ENDPOINT, ec2_metadata_service_endpoint */
	AWS_SETTING_EC2_METADATA_SERVICE_ENDPOINT_MODE, /* ..._ENDPOINT_MODE: IPv4, IPv6 */
	AWS_SETTING_EC2_METADATA_V1_DISABLED, /* AWS_EC2_METADATA_V1_DISABLED, ec2_metadata_v1_disabled; "false" */
	AWS_SETTING_METADATA_SERVICE_TIMEOUT, /* AWS_METADATA_SERVICE_TIMEOUT, metadata_service_timeout; "1" */
	AWS_SETTING_METADATA_SERVICE_NUM_ATTEMPTS, /* AWS_METADATA_SERVICE_NUM_ATTEMPTS, ...; "1" */
	AWS_SETTING_CLI_PAGER,		/* AWS_PAGER, cli_pager, PAGER; "less -R" */
	AWS_SETTING_CLI_BINARY_FORMAT,	/* cli_binary_format: base64, raw-in-base64-out; "base64" */
	AWS_SETTING_DISABLE_REQUEST_COMPRESSION, /* AWS_DISABLE_REQUEST_COMPRESSION, disable_request_compression; "false" */
	AWS_SETTING_REQUEST_MIN_COMPRESSION_SIZE_BYTES, /* AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES, request_min_compression_size_bytes; "10240" (1..1048576) */
	AWS_SETTING_COUNT
};

/* Where a setting's value came from. */
enum aws_setting_source {
	AWS_FROM_NONE,		/* not set anywhere, and no default */
	AWS_FROM_OPTION,	/* a command-line option */
	AWS_FROM_ENV,		/* an environment variable */
	AWS_FROM_PROFILE,	/* the profile (config or credentials file) */
	AWS_FROM_SERVICES,	/* a [services NAME] section (endpoint URLs) */
	AWS_FROM_DEFAULT,	/* the built-in default */
};

/* A resolved value and where it came from. */
struct aws_setting_value {
	const char *value;	/* NULL when AWS_FROM_NONE */
	enum aws_setting_source source;
	const char *from;	/* "--region", "AWS_REGION", "region", "s3.addressing_style" */
	struct aws_config_origin origin; /* AWS_FROM_PROFILE/SERVICES: file, line, section */
};

struct aws_resolver;

/*
 * Start resolving with the given options and environment, and pick the
 * profile. Fails when a profile named by --profile, AWS_PROFILE or
 * AWS_DEFAULT_PROFILE exists in neither file: "The config profile (dev)
 * could not be found" (the implicit "default" may be absent).
 */
int aws_resolver_new(struct aws_resolver **out, const struct aws_config *cfg,
    const struct aws_config_options *opts, const struct aws_env *env,
    char **cause);
void aws_resolver_free(struct aws_resolver *res);
/* The profile in use (never NULL) and the config it reads. */
const char *aws_resolver_profile(const struct aws_resolver *res);
const struct aws_config *aws_resolver_config(const struct aws_resolver *res);

/*
 * Resolve one setting: 0 with *out filled (out->value NULL when unset),
 * or -1 with *cause when the value found is invalid; the message says
 * which value, where it came from, and what is accepted.
 */
int aws_resolve(struct aws_resolver *res, enum aws_setting s,
    struct aws_setting_value *out, char **cause);
/* Resolve a true/false setting; unset is false. out may be NULL. */
int aws_resolve_bool(struct aws_resolver *res, enum aws_setting s,
    bool *value, struct aws_setting_value *out, char **cause);
/* Resolve a number setting; unset is -1. out may be NULL. */
int aws_resolve_long(struct aws_resolver *res, enum aws_setting s,
    long *value, struct aws_setting_value *out, char **cause);
/*
 * The endpoint URL configured for a service, in the CLI's order:
 * --endpoint-url; then, unless ignore_configured_endpoint_urls is true,
 * AWS_ENDPOINT_URL_<ID> (service_id upper-cased, spaces to underscores),
 * AWS_ENDPOINT_URL, the "endpoint_url" of the service's sub-section of
 * the [services NAME] section the profile names with "services = NAME",
 * and the profile's own endpoint_url. service_id is the model's
 * serviceId ("S3", "CloudWatch Logs"). out->value is NULL when none.
 */
int aws_resolve_endpoint_url(struct aws_resolver *res, const char *service_id,
    struct aws_setting_value *out, char **cause);

/* The documented name of a setting ("region", "s3.addressing_style"). */
const char *aws_setting_name(enum aws_setting s);
/*
 * Say where a value came from, for messages: "region from AWS_REGION",
 * "region from --region", "region from profile 'dev'
 * (/home/u/.aws/config:3)", "output from the default", "region: not set".
 * name may be NULL (then the value's own name is used).
 */
char *aws_setting_describe(const char *name, const struct aws_setting_value *v);

#endif
