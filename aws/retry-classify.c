/*
 * retry-classify.c: which failures are worth another attempt.
 *
 * Standard mode follows botocore/retries/standard.py: transient codes,
 * 500/502/503/504 and connection errors; the union of throttling codes;
 * IDPCommunicationError for STS (retries/special.py). Legacy mode follows
 * botocore's retryhandler.py with data/_retry.json: a code only counts
 * together with its status, 429 and 509 are retried, and some services
 * add their own pairs. Both retry the connection errors that botocore's
 * ConnectionError family covers, except a refused certificate, which no
 * retry can fix. Clock-skew codes are classified apart: the retry loop
 * corrects its clock from the Date header and tries once more.
 */
#include "hs-common.h"
#include "http.h"

#include <strings.h>

static const char *const throttling_codes[] = {
	"Throttling", "ThrottlingException", "ThrottledException",
	"RequestThrottledException", "TooManyRequestsException",
	"ProvisionedThroughputExceededException",
	"TransactionInProgressException", "RequestLimitExceeded",
	"BandwidthLimitExceeded", "LimitExceededException",
	"RequestThrottled", "SlowDown", "PriorRequestNotComplete",
	"EC2ThrottledException",
};

static const char *const transient_codes[] = {
	"RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
};

static const char *const skew_codes[] = {
	"RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture",
};

/* A legacy policy: a service (NULL: all), a code (NULL: any), a status. */
struct legacy_rule {
	const char *service;
	const char *code;
	int status;
	enum aws_retry_kind kind;
};

static const struct legacy_rule legacy_rules[] = {
	{ NULL, "Throttling", 400, AWS_RETRY_THROTTLE },
	{ NULL, "ThrottlingException", 400, AWS_RETRY_THROTTLE },
	{ NULL, "ThrottledException", 400, AWS_RETRY_THROTTLE },
	{ NULL, "RequestThrottledException", 400, AWS_RETRY_THROTTLE },
	{ NULL, "ProvisionedThroughputExceededException", 400,
	    AWS_RETRY_THROTTLE },
	{ "cloudsearch", "BandwidthLimitExceeded", 509, AWS_RETRY_THROTTLE },
	{ "dynamodb", "ReplicatedWriteConflictException", 409,
	    AWS_RETRY_TRANSIENT },
	{ "dynamodb", "TransactionInProgressException", 400,
	    AWS_RETRY_TRANSIENT },
	{ "ec2", "RequestLimitExceeded", 503, AWS_RETRY_THROTTLE },
	{ "ec2", "EC2ThrottledException", 503, AWS_RETRY_THROTTLE },
	{ "glacier", "RequestTimeoutException", 408, AWS_RETRY_TRANSIENT },
	{ "kinesis", "LimitExceededException", 400, AWS_RETRY_THROTTLE },
	{ "organizations", "TooManyRequestsException", 400,
	    AWS_RETRY_THROTTLE },
	{ "route53", "Throttling", 400, AWS_RETRY_THROTTLE },
	{ "route53", "PriorRequestNotComplete", 400, AWS_RETRY_TRANSIENT },
	{ "s3", "RequestTimeout", 400, AWS_RETRY_TRANSIENT },
	{ "s3", "BadDigest", 400, AWS_RETRY_TRANSIENT },
	{ "sqs", "RequestThrottled", 403, AWS_RETRY_THROTTLE },
	{ "sts", "IDPCommunicationError", 400, AWS_RETRY_TRANSIENT },
	/* status-only rules last, so that a code names the kind */
	{ NULL, NULL, 500, AWS_RETRY_TRANSIENT },
	{ NULL, NULL, 502, AWS_RETRY_TRANSIENT },
	{ NULL, NULL, 503, AWS_RETRY_TRANSIENT },
	{ NULL, NULL, 504, AWS_RETRY_TRANSIENT },
	{ NULL, NULL, 509, AWS_RETRY_THROTTLE },
	{ NULL, NULL, 429, AWS_RETRY_THROTTLE },
};

/* Tell whether code is in a list. */
static bool
code_in(const char *code, const char *const *list, size_t n)
{
	size_t i;

	if (code == NULL)
		return false;
	for (i = 0; i < n; i++)
		if (strcmp(code, list[i]) == 0)
			return true;
	return false;
}

/* Tell whether a transport error is one botocore retries. */
static bool
retryable_transport(enum aws_http_error e)
{
	return e == AWS_HTTP_ERR_CONNECT || e == AWS_HTTP_ERR_TIMEOUT ||
	    e == AWS_HTTP_ERR_CONNECTION || e == AWS_HTTP_ERR_TLS;
}

/* The standard mode's rules. */
static enum aws_retry_kind
classify_standard(const struct aws_retry_facts *f, const char *code)
{
	int status = f->resp ? f->resp->status : 0;

	if (code_in(code, throttling_codes, HS_ARRAY_SIZE(throttling_codes)))
		return AWS_RETRY_THROTTLE;
	if (code_in(code, transient_codes, HS_ARRAY_SIZE(transient_codes)))
		return AWS_RETRY_TRANSIENT;
	if (status == 500 || status == 502 || status == 503 || status == 504)
		return AWS_RETRY_TRANSIENT;
	if (code != NULL && f->service != NULL &&
	    strcmp(f->service, "sts") == 0 &&
	    strcmp(code, "IDPCommunicationError") == 0)
		return AWS_RETRY_TRANSIENT;
	return AWS_RETRY_NO;
}

/* The legacy mode's rules (botocore's _retry.json). */
static enum aws_retry_kind
classify_legacy(const struct aws_retry_facts *f, const char *code)
{
	int status = f->resp ? f->resp->status : 0;
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(legacy_rules); i++) {
		const struct legacy_rule *r = &legacy_rules[i];

		if (r->status != status)
			continue;
		if (r->service != NULL && (f->service == NULL ||
		    strcmp(r->service, f->service) != 0))
			continue;
		if (r->code != NULL && (code == NULL ||
		    strcmp(r->code, code) != 0))
			continue;
		return r->kind;
	}
	return AWS_RETRY_NO;
}

/* The retry rules of facts->mode, given the error code. */
enum aws_retry_kind
aws_retry_classify_code(const struct aws_retry_facts *f, const char *code)
{
	if (f->error != AWS_HTTP_OK)
		return retryable_transport(f->error) ? AWS_RETRY_TRANSIENT :
		    AWS_RETRY_NO;
	if (f->resp == NULL ||
	    (f->resp->status >= 200 && f->resp->status < 300))
		return AWS_RETRY_NO;
	if (code_in(code, skew_codes, HS_ARRAY_SIZE(skew_codes)))
		return AWS_RETRY_CLOCK_SKEW;
	if (f->mode == AWS_RETRY_LEGACY)
		return classify_legacy(f, code);
	return classify_standard(f, code);
}

/* The default classifier: status codes and connection errors only. */
enum aws_retry_kind
aws_retry_classify_default(void *arg, const struct aws_retry_facts *f,
    char **error_code)
{
	return aws_retry_classify_code(f, NULL);
}

/* Parse a retry mode name. */
int
aws_retry_mode_parse(const char *s, enum aws_retry_mode *mode)
{
	if (strcasecmp(s, "standard") == 0 || strcasecmp(s, "adaptive") == 0)
		*mode = AWS_RETRY_STANDARD;
	else if (strcasecmp(s, "legacy") == 0)
		*mode = AWS_RETRY_LEGACY;
	else
		return -1;
	return 0;
}
