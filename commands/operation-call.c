/*
 * operation-call.c: one request of a model operation, from input to
 * output: serialize (aws/protocol), point at the endpoint (aws/endpoint;
 * S3 buckets in the host name or the path), sign before every attempt
 * (aws/sigv4, with the clock the HTTP client corrects after
 * RequestTimeTooSkewed), send with retries (aws/http; the protocol's
 * error code classifies each answer), parse the answer or the error.
 *
 * Messages are the AWS CLI's: "An error occurred (Code) when calling the
 * Op operation: Message" (exit 254) for a service error; "Could not
 * connect to the endpoint URL: "URL"" (255) when no answer came.
 *
 * A response checksum (x-amz-checksum-*, asked for with ChecksumMode =
 * ENABLED) is checked against the body as botocore does; a body saved to
 * OUTFILE that does not match is removed, never left as if it were good.
 *
 * S3's payload: signed, except over HTTPS for a streamed body that
 * carries a checksum header, as botocore does (s3.payload_signing_enabled
 * decides when set); operations marked v4-unsigned-body are not signed
 * over HTTPS either.
 */
#include "hs-common.h"
#include "operation.h"

#include <cjson/cJSON.h>
#include <unistd.h>

/* What the sign hook needs. */
struct signer {
	struct hs_op_env *env;
	unsigned flags;
};

/* Tell whether a request carries a body checksum header. */
static bool
has_checksum(const struct aws_request *req)
{
	size_t i;

	for (i = 0; i < req->headers.n; i++)
		if (strcasecmp(req->headers.items[i].name, "Content-MD5") == 0 ||
		    strncasecmp(req->headers.items[i].name, "x-amz-checksum-",
		    15) == 0)
			return true;
	return false;
}

/* The signing flags of a request. */
static unsigned
sign_flags(const struct hs_op_env *env, const struct aws_operation *op,
    const struct aws_request *req)
{
	bool https = req->scheme && strcmp(req->scheme, "https") == 0;
	bool s3 = req->signing_service && strcmp(req->signing_service,
	    "s3") == 0;

	if ((op->flags & AWS_OP_UNSIGNED_PAYLOAD) && https)
		return SIGV4_UNSIGNED_PAYLOAD;
	if (!s3)
		return 0;
	if (env->s3_payload_signing >= 0)
		return env->s3_payload_signing ? 0 : SIGV4_UNSIGNED_PAYLOAD;
	if (https && has_checksum(req) && req->body_kind == AWS_BODY_FILE)
		return SIGV4_UNSIGNED_PAYLOAD;
	return 0;
}

/* The sign hook: sign at the (corrected) time of each attempt. */
static int
sign_hook(void *arg, struct aws_request *req, time_t now, char **cause)
{
	struct signer *s = arg;
	struct sigv4_params p = { s->env->creds, NULL, NULL, now, s->flags, 0,
	    s->env->keys };

	return sigv4_sign(req, &p, NULL, cause);
}

/* The retry classifier: the protocol's error code, then the rules. */
static enum aws_retry_kind
classify(void *arg, const struct aws_retry_facts *f, char **error_code)
{
	const struct aws_operation *op = arg;
	char *code = NULL;

	if (f->error == AWS_HTTP_OK && f->resp != NULL)
		code = aws_protocol_error_code(op, f->resp);
	*error_code = code;
	return aws_retry_classify_code(f, code);
}

/* The bucket of an S3 input, for the host name, or NULL. */
static const char *
bucket_of(const struct hs_op_env *env, const cJSON *input)
{
	const cJSON *b = cJSON_GetObjectItemCaseSensitive(input, "Bucket");

	return env->ep.s3 && cJSON_IsString(b) ? b->valuestring : NULL;
}

/* Serialize input and point the request at the endpoint. */
static int
build(struct hs_op_call *c, const cJSON *input, struct aws_request *req)
{
	char *cause = NULL;
	const char *bucket = bucket_of(c->env, input);
	int rc;

	/* The host comes first (a hostPrefix goes in front of it), except
	 * for S3, whose bucket moves from the serialized path to the host. */
	if (!c->env->ep.s3 && aws_endpoint_apply(&c->env->ep, req, NULL,
	    &cause) < 0)
		goto fail;
	rc = aws_protocol_serialize(c->op, input, 0, req, &cause);
	if (rc == 0 && c->env->ep.s3)
		rc = aws_endpoint_apply(&c->env->ep, req, bucket, &cause);
	if (rc == 0)
		return 0;
fail:
	hs_op_fail(&c->err, HS_OP_FAIL_GENERAL, "%s", cause);
	free(cause);
	return -1;
}

/* Print the signed request instead of sending it. */
static int
dry_run(struct hs_op_call *c, struct aws_request *req, struct signer *s)
{
	struct hs_buf text = HS_BUF_INIT;
	time_t now = time(NULL) + (c->env->http ?
	    aws_http_client_clock_offset(c->env->http) : 0);
	char *cause = NULL;

	if (c->env->creds != NULL && sign_hook(s, req, now, &cause) < 0) {
		hs_op_fail(&c->err, HS_OP_FAIL_GENERAL, "%s", cause);
		free(cause);
		return -1;
	}
	if (c->dry_printed)
		hs_buf_addch(&text, '\n');
	hs_dryrun_format(&text, req);
	fwrite(text.buf, 1, text.len, c->dry_run);
	fflush(c->dry_run);
	hs_buf_release(&text);
	c->dry_printed = true;
	return 0;
}

/* The CLI's message for a request that got no answer. */
static void
no_answer(struct hs_op_call *c, const struct aws_request *req,
    const struct aws_http_call *call, const char *cause)
{
	char *url = aws_request_url(req), *safe = sigv4_redact_url(url);

	switch (call->error) {
	case AWS_HTTP_ERR_CANCELLED:
		hs_op_fail(&c->err, HS_OP_FAIL_INTERRUPTED, "interrupted");
		break;
	case AWS_HTTP_ERR_CONNECT:
	case AWS_HTTP_ERR_CONNECTION:
		hs_op_fail(&c->err, HS_OP_FAIL_GENERAL, "Could not connect to "
		    "the endpoint URL: \"%s\"", safe);
		break;
	case AWS_HTTP_ERR_TIMEOUT:
		hs_op_fail(&c->err, HS_OP_FAIL_GENERAL, "Read timeout on "
		    "endpoint URL: \"%s\"", safe);
		break;
	case AWS_HTTP_ERR_TLS:
	case AWS_HTTP_ERR_TLS_VERIFY:
		hs_op_fail(&c->err, HS_OP_FAIL_GENERAL, "SSL validation failed "
		    "for %s %s", safe, cause ? cause : "");
		break;
	default:
		hs_op_fail(&c->err, HS_OP_FAIL_GENERAL, "%s", cause ? cause :
		    "the request failed");
	}
	free(url);
	free(safe);
}

/* The checksum header to check: botocore's order of preference among
 * the operation's response algorithms; NULL when none (or a composite
 * "...-N" checksum of a multipart object). */
static const char *
checksum_header(const struct aws_operation *op, const struct aws_response *r,
    const char **algorithm)
{
	static const char *const order[] = { "CRC64NVME", "CRC32C", "CRC32",
	    "SHA1", "SHA256", "SHA512" };
	char name[32];
	size_t i, j;

	for (i = 0; i < HS_ARRAY_SIZE(order); i++)
		for (j = 0; j < op->n_response_algorithms; j++) {
			const char *v;

			if (strcasecmp(op->response_algorithms[j], order[i]) != 0)
				continue;
			snprintf(name, sizeof name, "x-amz-checksum-%s", order[i]);
			v = aws_kvlist_get(&r->headers, name);
			if (v != NULL && strchr(v, '-') == NULL) {
				*algorithm = order[i];
				return v;
			}
		}
	return NULL;
}

/* Check a response body against its checksum header, when asked for. */
static int
check_response_checksum(struct hs_op_call *c, const cJSON *input,
    const struct aws_response *r)
{
	const cJSON *mode = c->op->checksum_mode_member ?
	    cJSON_GetObjectItemCaseSensitive(input, c->op->checksum_mode_member) :
	    NULL;
	const char *algorithm = NULL, *want;
	char *got, *cause = NULL;
	int rc = 0;

	if (!cJSON_IsString(mode) || strcmp(mode->valuestring, "ENABLED") != 0 ||
	    (want = checksum_header(c->op, r, &algorithm)) == NULL)
		return 0;
	got = r->body_kind == AWS_BODY_FILE ?
	    aws_protocol_checksum(algorithm, NULL, 0, r->body_file, 0, -1,
	    &cause) : aws_protocol_checksum(algorithm, r->body.buf, r->body.len,
	    NULL, 0, -1, &cause);
	if (got == NULL || strcmp(got, want) != 0) {
		hs_op_fail(&c->err, HS_OP_FAIL_GENERAL, got ? "Expected checksum "
		    "%s did not match calculated checksum: %s" : "%s%s",
		    got ? want : cause, got ? got : "");
		if (r->body_kind == AWS_BODY_FILE && r->body_file != NULL)
			unlink(r->body_file);
		rc = -1;
	}
	free(got);
	free(cause);
	return rc;
}

/* Turn an answer into the output or the service's error. */
static int
parse(struct hs_op_call *c, const cJSON *input, const struct aws_response *r,
    cJSON **output)
{
	struct aws_error e = AWS_ERROR_INIT;
	char *cause = NULL;
	int rc;

	free(c->request_id);
	c->request_id = aws_protocol_request_id(c->op, r);
	rc = aws_protocol_parse(c->op, input, r, output, &e, &cause);
	if (rc == AWS_PARSE_OK) {
		hs_botocore_output(c->op, *output);
		if (check_response_checksum(c, input, r) == 0)
			return 0;
		cJSON_Delete(*output);
		*output = NULL;
		return -1;
	}
	if (rc == AWS_PARSE_SERVICE_ERROR) {
		char *msg = aws_error_describe(&e, c->op->name);

		hs_op_fail(&c->err, HS_OP_FAIL_SERVICE, "%s", msg);
		free(c->err.code);
		c->err.code = hs_xstrdup(e.code ? e.code : "Unknown");
		free(c->err.request_id);
		c->err.request_id = e.request_id ? hs_xstrdup(e.request_id) :
		    c->request_id ? hs_xstrdup(c->request_id) : NULL;
		free(msg);
	} else
		hs_op_fail(&c->err, HS_OP_FAIL_GENERAL, "cannot read the answer "
		    "to %s: %s", c->op->name, cause);
	aws_error_clear(&e);
	free(cause);
	return -1;
}

/* Send a built request and parse its answer. */
static int
send_request(struct hs_op_call *c, const cJSON *input, struct aws_request *req,
    struct signer *s, cJSON **output)
{
	struct aws_response resp = AWS_RESPONSE_INIT;
	struct aws_http_call call;
	char *cause = NULL;
	int rc = -1;

	memset(&call, 0, sizeof call);
	call.req = req;
	call.resp = &resp;
	call.sign = c->env->creds ? sign_hook : NULL;
	call.sign_arg = s;
	call.classify = classify;
	call.classify_arg = (void *)c->op;
	call.retry = c->env->retry;
	if (c->outfile != NULL) {
		resp.body_kind = AWS_BODY_FILE;
		resp.body_file = hs_xstrdup(c->outfile);
	}
	if (aws_http_execute(c->env->http, &call, &cause) < 0)
		no_answer(c, req, &call, cause);
	else
		rc = parse(c, input, &resp, output);
	c->attempts = call.attempts;
	aws_http_call_clear(&call);
	aws_response_clear(&resp);
	free(cause);
	return rc;
}

/* Make one request. */
int
hs_op_call_once(struct hs_op_call *c, const cJSON *input, cJSON **output)
{
	struct aws_request req = AWS_REQUEST_INIT;
	struct signer s = { c->env, 0 };
	int rc;

	*output = NULL;
	if (build(c, input, &req) < 0) {
		aws_request_clear(&req);
		return -1;
	}
	s.flags = sign_flags(c->env, c->op, &req);
	if (c->dry_run != NULL)
		rc = dry_run(c, &req, &s);
	else
		rc = send_request(c, input, &req, &s, output);
	aws_kvlist_cleanse(&req.headers);	/* a signed dry run */
	aws_request_clear(&req);
	return rc;
}

void
hs_op_call_clear(struct hs_op_call *c)
{
	free(c->request_id);
	hs_op_error_clear(&c->err);
	memset(c, 0, sizeof *c);
}
