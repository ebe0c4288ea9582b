/*
 * svc-lambda-invoke.c: Invoke. RequestResponse runs the function and
 * answers its result (200) or its error with X-Amz-Function-Error:
 * Unhandled, as current Lambda runtimes report every function error,
 * and X-Amz-Log-Result (the log's last 4 KB) with LogType Tail; Event
 * queues the invocation (202); DryRun only checks that the caller may
 * invoke (204). The payload must be JSON (InvalidRequestContentException)
 * within Lambda's size limits.
 */
#include "hs-common.h"
#include "lambda.h"

#define LAMBDA_SYNC_MAX 6291456
#define LAMBDA_ASYNC_MAX 262144

/* The event of the input: the Payload's bytes, or "{}"; -1 after
 * answering when they are not JSON. */
static int
invoke_payload(struct sbx_call *c, char **payload, size_t *len)
{
	const char *b64 = sbx_in_str(c, "Payload");
	unsigned char *raw = NULL;
	const char *end = NULL;
	cJSON *j;

	if (b64 == NULL || *b64 == '\0') {
		*payload = hs_xstrdup("{}");
		*len = 2;
		return 0;
	}
	raw = sbx_base64_decode(b64, len);
	if (raw == NULL)
		return sbx_fail(c, 400, "InvalidRequestContentException",
		    "Could not parse request body into json: the payload is not "
		    "valid base64");
	raw[*len] = '\0';
	j = cJSON_ParseWithLengthOpts((const char *)raw, *len, &end, false);
	if (j == NULL) {
		sbx_fail(c, 400, "InvalidRequestContentException", "Could not "
		    "parse request body into json: Could not parse payload into "
		    "json: Unexpected character at offset %td", end ?
		    end - (const char *)raw : 0);
		free(raw);
		return -1;
	}
	cJSON_Delete(j);
	*payload = (char *)raw;
	return 0;
}

/* Answer a finished RequestResponse invocation. */
static void
invoke_answer(struct sbx_call *c, const struct sbx_lambda_fn *f,
    const struct sbx_lambda_invoke *inv)
{
	char *b64 = sbx_base64_encode(inv->result, strlen(inv->result));

	c->output = cJSON_CreateObject();
	cJSON_AddNumberToObject(c->output, "StatusCode", 200);
	if (inv->function_error)
		cJSON_AddStringToObject(c->output, "FunctionError", "Unhandled");
	if (inv->log_tail != NULL)
		cJSON_AddStringToObject(c->output, "LogResult", inv->log_tail);
	cJSON_AddStringToObject(c->output, "Payload", b64);
	cJSON_AddStringToObject(c->output, "ExecutedVersion", f->version);
	free(b64);
}

/* Run a RequestResponse invocation. */
static int
invoke_sync(struct sbx_call *c, const struct sbx_lambda_fn *f,
    const char *payload, size_t len)
{
	const char *log_type = sbx_in_str(c, "LogType");
	struct sbx_lambda_invoke inv = { 0 };
	char *cause = NULL;
	int r;

	inv.fn = f;
	inv.payload = payload;
	inv.payload_len = len;
	inv.tail = log_type != NULL && strcmp(log_type, "Tail") == 0;
	r = sbx_lambda_invoke(c->sb, &inv, &cause);
	if (r == 1)
		sbx_fail(c, 400, "InvalidParameterValueException", "%s", cause);
	else if (r < 0)
		sbx_fail(c, 500, "ServiceException", "The sandbox could not run "
		    "the function: %s", cause);
	else
		invoke_answer(c, f, &inv);
	free(cause);
	sbx_lambda_invoke_clear(&inv);
	return r == 0 ? 0 : -1;
}

/* Check the invocation type and the payload's size; -1 after answering. */
static int
invoke_check(struct sbx_call *c, const char *type, size_t len)
{
	if (strcmp(type, "RequestResponse") != 0 && strcmp(type, "Event") != 0 &&
	    strcmp(type, "DryRun") != 0)
		return sbx_api_invalid(c, "ValidationException", type,
		    "invocationType", "satisfy enum value set: [Event, "
		    "RequestResponse, DryRun]");
	if (strcmp(type, "Event") == 0 && len > LAMBDA_ASYNC_MAX)
		return sbx_fail(c, 413, "RequestTooLargeException", "Request must "
		    "be smaller than %d bytes for the InvokeAsync operation",
		    LAMBDA_ASYNC_MAX);
	if (len > LAMBDA_SYNC_MAX)
		return sbx_fail(c, 413, "RequestTooLargeException", "Request must "
		    "be smaller than %d bytes for the Invoke operation",
		    LAMBDA_SYNC_MAX);
	return 0;
}

/* Invoke. */
int
sbx_lambda_invoke_handler(struct sbx_call *c)
{
	const char *type = sbx_in_str(c, "InvocationType");
	struct sbx_lambda_fn f = { 0 };
	char *payload = NULL;
	size_t len = 0;
	int rc = -1;

	if (type == NULL)
		type = "RequestResponse";
	if (sbx_lambda_load(c, "lambda:InvokeFunction", &f) != 0 ||
	    invoke_payload(c, &payload, &len) != 0 ||
	    invoke_check(c, type, len) != 0)
		goto cleanup;
	if (strcmp(type, "DryRun") == 0) {
		c->output = cJSON_CreateObject();
		cJSON_AddNumberToObject(c->output, "StatusCode", 204);
		rc = 0;
	} else if (strcmp(type, "Event") == 0) {
		if (sbx_lambda_async_submit(c->sb, f.name, f.version, payload,
		    len) != 0)
			sbx_fail(c, 503, "ServiceException", "The sandbox is "
			    "stopping.");
		else {
			c->output = cJSON_CreateObject();
			cJSON_AddNumberToObject(c->output, "StatusCode", 202);
			rc = 0;
		}
	} else
		rc = invoke_sync(c, &f, payload, len);
cleanup:
	free(payload);
	sbx_lambda_fn_clear(&f);
	return rc;
}
