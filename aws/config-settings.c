/*
 * config-settings.c: the table of settings - where each is looked up, in
 * the AWS CLI's order, its default and what values it accepts.
 *
 * Sources: botocore's configprovider.py (BOTOCORE_DEFAUT_SESSION_VARIABLES,
 * DEFAULT_S3_CONFIG_VARS) and the CLI v2 chains of awscli/clidriver.py
 * (region, output, pager, cli_binary_format). One table, one loop: adding
 * a setting is adding a row.
 */
#include "hs-common.h"
#include "config-int.h"

#include <limits.h>
#include <strings.h>

static const char *const outputs[] = { "json", "text", "table", "yaml",
	"yaml-stream", NULL };
static const char *const retry_modes[] = { "standard", "legacy", "adaptive",
	NULL };
static const char *const regional[] = { "regional", "legacy", NULL };
static const char *const addressing[] = { "auto", "virtual", "path", NULL };
static const char *const ip_modes[] = { "IPv4", "IPv6", NULL };
static const char *const binary_formats[] = { "base64", "raw-in-base64-out",
	NULL };

#define NOENV { NULL, NULL }

/* Indexed by enum aws_setting. */
static const struct aws_setting_def defs[AWS_SETTING_COUNT] = {
	[AWS_SETTING_PROFILE] = { "profile", AWS_OPT_PROFILE, "--profile",
	    { "AWS_PROFILE", "AWS_DEFAULT_PROFILE" }, NULL, NULL, NULL, NULL,
	    "default", AWS_TYPE_STRING, NULL, false, false },
	[AWS_SETTING_REGION] = { "region", AWS_OPT_REGION, "--region",
	    { "AWS_REGION", "AWS_DEFAULT_REGION" }, "region", NULL, NULL, NULL,
	    NULL, AWS_TYPE_REGION, NULL, false, false },
	[AWS_SETTING_OUTPUT] = { "output", AWS_OPT_OUTPUT, "--output",
	    { "AWS_DEFAULT_OUTPUT", NULL }, "output", NULL, NULL, NULL, "json",
	    AWS_TYPE_CHOICE, outputs, false, false },
	[AWS_SETTING_CA_BUNDLE] = { "ca_bundle", AWS_OPT_CA_BUNDLE,
	    "--ca-bundle", { "AWS_CA_BUNDLE", NULL }, "ca_bundle", NULL, NULL,
	    NULL, NULL, AWS_TYPE_STRING, NULL, false, false },
	[AWS_SETTING_VERIFY_SSL] = { "verify_ssl", AWS_OPT_NO_VERIFY_SSL,
	    "--no-verify-ssl", NOENV, NULL, NULL, NULL, NULL, "true",
	    AWS_TYPE_BOOL, NULL, false, false },
	[AWS_SETTING_CONNECT_TIMEOUT] = { "cli_connect_timeout",
	    AWS_OPT_CONNECT_TIMEOUT, "--cli-connect-timeout", NOENV, NULL,
	    NULL, NULL, NULL, "60", AWS_TYPE_COUNT, NULL, false, false },
	[AWS_SETTING_READ_TIMEOUT] = { "cli_read_timeout",
	    AWS_OPT_READ_TIMEOUT, "--cli-read-timeout", NOENV, NULL, NULL,
	    NULL, NULL, "60", AWS_TYPE_COUNT, NULL, false, false },
	[AWS_SETTING_MAX_ATTEMPTS] = { "max_attempts", AWS_OPT_NONE, NULL,
	    { "AWS_MAX_ATTEMPTS", NULL }, "max_attempts", NULL, NULL, NULL,
	    NULL, AWS_TYPE_POSITIVE, NULL, false, false },
	[AWS_SETTING_RETRY_MODE] = { "retry_mode", AWS_OPT_NONE, NULL,
	    { "AWS_RETRY_MODE", NULL }, "retry_mode", NULL, NULL, NULL,
	    "standard", AWS_TYPE_CHOICE, retry_modes, false, false },
	[AWS_SETTING_USE_FIPS_ENDPOINT] = { "use_fips_endpoint", AWS_OPT_NONE,
	    NULL, { "AWS_USE_FIPS_ENDPOINT", NULL }, "use_fips_endpoint", NULL,
	    NULL, NULL, NULL, AWS_TYPE_BOOL, NULL, false, false },
	[AWS_SETTING_USE_DUALSTACK_ENDPOINT] = { "use_dualstack_endpoint",
	    AWS_OPT_NONE, NULL, { "AWS_USE_DUALSTACK_ENDPOINT", NULL },
	    "use_dualstack_endpoint", NULL, NULL, NULL, NULL, AWS_TYPE_BOOL,
	    NULL, false, false },
	[AWS_SETTING_IGNORE_CONFIGURED_ENDPOINT_URLS] = {
	    "ignore_configured_endpoint_urls", AWS_OPT_NONE, NULL,
	    { "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", NULL },
	    "ignore_configured_endpoint_urls", NULL, NULL, NULL, NULL,
	    AWS_TYPE_BOOL, NULL, false, false },
	[AWS_SETTING_STS_REGIONAL_ENDPOINTS] = { "sts_regional_endpoints",
	    AWS_OPT_NONE, NULL, { "AWS_STS_REGIONAL_ENDPOINTS", NULL },
	    "sts_regional_endpoints", NULL, NULL, NULL, "regional",
	    AWS_TYPE_CHOICE, regional, false, false },
	[AWS_SETTING_S3_ADDRESSING_STYLE] = { "s3.addressing_style",
	    AWS_OPT_NONE, NULL, NOENV, NULL, "s3", "addressing_style", NULL,
	    "auto", AWS_TYPE_CHOICE, addressing, false, false },
	[AWS_SETTING_S3_US_EAST_1_REGIONAL_ENDPOINT] = {
	    "s3.us_east_1_regional_endpoint", AWS_OPT_NONE, NULL,
	    { "AWS_S3_US_EAST_1_REGIONAL_ENDPOINT", NULL },
	    "s3_us_east_1_regional_endpoint", "s3",
	    "us_east_1_regional_endpoint", NULL, "legacy", AWS_TYPE_CHOICE,
	    regional, false, false },
	[AWS_SETTING_S3_PAYLOAD_SIGNING_ENABLED] = {
	    "s3.payload_signing_enabled", AWS_OPT_NONE, NULL, NOENV, NULL,
	    "s3", "payload_signing_enabled", NULL, NULL, AWS_TYPE_BOOL, NULL,
	    false, false },
	[AWS_SETTING_EC2_METADATA_DISABLED] = { "ec2_metadata_disabled",
	    AWS_OPT_NONE, NULL, { "AWS_EC2_METADATA_DISABLED", NULL }, NULL,
	    NULL, NULL, NULL, "false", AWS_TYPE_BOOL, NULL, false, false },
	[AWS_SETTING_EC2_METADATA_SERVICE_ENDPOINT] = {
	    "ec2_metadata_service_endpoint", AWS_OPT_NONE, NULL,
	    { "AWS_EC2_METADATA_SERVICE_ENDPOINT", NULL },
	    "ec2_metadata_service_endpoint", NULL, NULL, NULL, NULL,
	    AWS_TYPE_STRING, NULL, false, false },
	[AWS_SETTING_EC2_METADATA_SERVICE_ENDPOINT_MODE] = {
	    "ec2_metadata_service_endpoint_mode", AWS_OPT_NONE, NULL,
	    { "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", NULL },
	    "ec2_metadata_service_endpoint_mode", NULL, NULL, NULL, "IPv4",
	    AWS_TYPE_CHOICE, ip_modes, false, true },
	[AWS_SETTING_EC2_METADATA_V1_DISABLED] = { "ec2_metadata_v1_disabled",
	    AWS_OPT_NONE, NULL, { "AWS_EC2_METADATA_V1_DISABLED", NULL },
	    "ec2_metadata_v1_disabled", NULL, NULL, NULL, "false",
	    AWS_TYPE_BOOL, NULL, false, false },
	[AWS_SETTING_METADATA_SERVICE_TIMEOUT] = { "metadata_service_timeout",
	    AWS_OPT_NONE, NULL, { "AWS_METADATA_SERVICE_TIMEOUT", NULL },
	    "metadata_service_timeout", NULL, NULL, NULL, "1",
	    AWS_TYPE_POSITIVE, NULL, false, false },
	[AWS_SETTING_METADATA_SERVICE_NUM_ATTEMPTS] = {
	    "metadata_service_num_attempts", AWS_OPT_NONE, NULL,
	    { "AWS_METADATA_SERVICE_NUM_ATTEMPTS", NULL },
	    "metadata_service_num_attempts", NULL, NULL, NULL, "1",
	    AWS_TYPE_POSITIVE, NULL, false, false },
	[AWS_SETTING_CLI_PAGER] = { "cli_pager", AWS_OPT_NONE, NULL,
	    { "AWS_PAGER", NULL }, "cli_pager", NULL, NULL, "PAGER", "less -R",
	    AWS_TYPE_STRING, NULL, true, false },
	[AWS_SETTING_CLI_BINARY_FORMAT] = { "cli_binary_format", AWS_OPT_NONE,
	    NULL, NOENV, "cli_binary_format", NULL, NULL, NULL, "base64",
	    AWS_TYPE_CHOICE, binary_formats, false, false },
	[AWS_SETTING_DISABLE_REQUEST_COMPRESSION] = {
	    "disable_request_compression", AWS_OPT_NONE, NULL,
	    { "AWS_DISABLE_REQUEST_COMPRESSION", NULL },
	    "disable_request_compression", NULL, NULL, NULL, "false",
	    AWS_TYPE_BOOL, NULL, false, false },
	[AWS_SETTING_REQUEST_MIN_COMPRESSION_SIZE_BYTES] = {
	    "request_min_compression_size_bytes", AWS_OPT_NONE, NULL,
	    { "AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", NULL },
	    "request_min_compression_size_bytes", NULL, NULL, NULL, "10240",
	    AWS_TYPE_COMPRESSION_SIZE, NULL, false, false },
};

/* The definition of a setting. */
const struct aws_setting_def *
aws_setting_def(enum aws_setting s)
{
	if ((unsigned)s >= AWS_SETTING_COUNT || defs[s].name == NULL)
		BUG("unknown setting %d", (int)s);
	return &defs[s];
}

/* The documented name of a setting. */
const char *
aws_setting_name(enum aws_setting s)
{
	return aws_setting_def(s)->name;
}

/* Tell whether s is a whole number within [min, LONG_MAX]. */
static bool
is_number(const char *s, long min)
{
	long v = 0;

	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9' || v > (LONG_MAX - 9) / 10)
			return false;
		v = v * 10 + (*s - '0');
	}
	return v >= min;
}

/* botocore's validate_region_name: a DNS label, not all digits. */
static bool
is_region(const char *s)
{
	size_t n = strlen(s), i;
	bool digits = true;

	if (n == 0 || n > 63 || s[0] == '-' || s[n - 1] == '-')
		return false;
	for (i = 0; i < n; i++) {
		bool d = s[i] >= '0' && s[i] <= '9';

		if (!d && !(s[i] >= 'a' && s[i] <= 'z') &&
		    !(s[i] >= 'A' && s[i] <= 'Z') && s[i] != '-')
			return false;
		digits &= d;
	}
	return !digits;
}

/* Check a value against its type; NULL or what is expected instead. */
const char *
aws_setting_check(const struct aws_setting_def *d, const char *value)
{
	size_t i;

	switch (d->type) {
	case AWS_TYPE_STRING:
		return NULL;
	case AWS_TYPE_BOOL:
		return strcasecmp(value, "true") == 0 ||
		    strcasecmp(value, "false") == 0 ? NULL :
		    "expected true or false";
	case AWS_TYPE_COUNT:
		return is_number(value, 0) ? NULL : "expected a whole number "
		    "of seconds (0 for no limit)";
	case AWS_TYPE_POSITIVE:
		return is_number(value, 1) ? NULL : "expected a whole number "
		    "of at least 1";
	case AWS_TYPE_COMPRESSION_SIZE:
		return is_number(value, 1) && strlen(value) <= 7 &&
		    atol(value) <= 1048576 ? NULL : "expected a whole number "
		    "of bytes from 1 to 1048576";
	case AWS_TYPE_REGION:
		return is_region(value) ? NULL : "expected a region name "
		    "such as us-east-1 (letters, digits and '-')";
	case AWS_TYPE_CHOICE:
		for (i = 0; d->choices[i] != NULL; i++)
			if ((d->nocase ? strcasecmp(value, d->choices[i]) :
			    strcmp(value, d->choices[i])) == 0)
				return NULL;
		return "not one of the accepted values";
	}
	BUG("unknown setting type %d", (int)d->type);
}
