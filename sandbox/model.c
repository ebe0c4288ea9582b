/*
 * model.c: model-driven services (STS now; IAM, Lambda, ECR and Logs in
 * issue 7). The shared protocol code (aws/protocol.h) finds the operation
 * of a received request, decodes it into the operation's input (cJSON
 * with the model's member names), and encodes the handler's output, or
 * its error, in the service's protocol, from the same botocore model the
 * client serializes with. Handlers read c->input and set c->output.
 */
#include "hs-common.h"
#include "svc.h"
#include "api.h"

#include <strings.h>

#include "aws/model.h"
#include "aws/protocol.h"

/* The model of c's service; NULL after answering 500. */
static const struct aws_service *
model_get(struct sbx_call *c)
{
	char *cause = NULL;
	const struct aws_service *m = aws_model_get(c->svc->model, &cause);

	if (m == NULL) {
		free(cause);
		sbx_fail(c, 500, c->svc->protocol == SBX_PROTO_QUERY ?
		    "InternalFailure" : "ServiceException", "The sandbox cannot "
		    "load the '%s' service model", c->svc->model);
	}
	return m;
}

/* Answer an operation the model does not have, in the protocol's words. */
static int
model_unknown_operation(struct sbx_call *c)
{
	const char *action = aws_kvlist_get_exact(&c->params, "Action");

	if (c->svc->protocol == SBX_PROTO_QUERY)
		return sbx_fail(c, 400, "InvalidAction", "Could not find "
		    "operation %s for version %s", action ? action : "",
		    c->svc->api_version ? c->svc->api_version : "");
	return sbx_fail(c, c->svc->protocol == SBX_PROTO_REST_JSON ? 404 : 400,
	    "UnknownOperationException", "%s", "");
}

/* Find the operation, check the sandbox serves it, decode the input. */
int
sbx_model_resolve(struct sbx_call *c)
{
	const struct aws_service *m = model_get(c);
	const struct aws_operation *op;
	char *cause = NULL;

	if (m == NULL)
		return -1;
	if (c->svc->protocol == SBX_PROTO_QUERY && sbx_form_decode(c) != 0)
		return sbx_fail(c, 400, "MalformedQueryString", "The request "
		    "body is not a valid form.");
	op = aws_protocol_find_operation(m, &c->req, &cause);
	free(cause);
	if (op == NULL)
		return model_unknown_operation(c);
	c->op_name = op->name;
	c->model_op = op;
	c->op = sbx_op_find(c->svc, op->name);
	if (c->op == NULL)
		return sbx_fail(c, 501, "NotImplemented", "The sandbox does not "
		    "implement %s", op->name);
	if (sbx_api_body_in_memory(c, SBX_API_MAX_BODY) != 0)
		return -1;
	if (aws_protocol_decode_request(op, &c->req, &c->input, &cause) != 0) {
		sbx_fail(c, 400, c->svc->protocol == SBX_PROTO_QUERY ?
		    "ValidationError" : "SerializationException", "%s", cause);
		free(cause);
		return -1;
	}
	return 0;
}

/* Move an encoded response into the call's answer. The body (a stream
 * from a blob, or a HEAD's length) and Content-Length are the server's. */
static void
model_take(struct sbx_call *c, struct aws_response *resp)
{
	size_t i;

	if (c->status == 200)	/* a handler's 206 or 304 stays */
		c->status = resp->status;
	for (i = 0; i < resp->headers.n; i++)
		if (strcasecmp(resp->headers.items[i].name,
		    "Content-Length") != 0)	/* the server counts */
			sbx_header(c, resp->headers.items[i].name,
			    resp->headers.items[i].value);
	hs_buf_reset(&c->body);
	(void)hs_buf_add(&c->body, resp->body.buf, resp->body.len);
}

/* Encode c->output (the handler succeeded) into the answer. */
void
sbx_model_answer(struct sbx_call *c)
{
	struct aws_response resp = AWS_RESPONSE_INIT;
	char *cause = NULL;

	if (aws_protocol_encode_response(c->model_op, c->output, c->request_id,
	    &resp, &cause) != 0) {
		sbx_fail(c, 500, "InternalFailure", "The sandbox cannot encode "
		    "the answer: %s", cause);
		free(cause);
	} else
		model_take(c, &resp);
	aws_response_clear(&resp);
}

/* Encode c's error with the model; false when the model is unavailable. */
bool
sbx_model_error(struct sbx_call *c)
{
	const struct aws_service *m;
	struct aws_error err = AWS_ERROR_INIT;
	struct aws_response resp = AWS_RESPONSE_INIT;
	char *cause = NULL;
	bool ok = false;

	size_t i;

	if (c->svc == NULL || (m = aws_model_get(c->svc->model,
	    &cause)) == NULL) {
		free(cause);
		return false;
	}
	err.status = c->status;
	err.code = c->err_code;
	err.message = c->err_message;
	err.type = (char *)(c->status >= 500 ? "Receiver" : "Sender");
	err.request_id = c->request_id;
	if (c->svc->protocol == SBX_PROTO_REST_XML) {
		err.host_id = c->host_id;
		err.fields = cJSON_CreateObject();
		for (i = 0; i < c->err_fields.n; i++)
			cJSON_AddStringToObject(err.fields,
			    c->err_fields.items[i].name,
			    c->err_fields.items[i].value);
	}
	if (aws_protocol_encode_error(m, &err, &resp, &cause) == 0) {
		model_take(c, &resp);
		c->status = err.status;
		ok = true;
	}
	free(cause);
	cJSON_Delete(err.fields);
	aws_response_clear(&resp);
	return ok;
}
