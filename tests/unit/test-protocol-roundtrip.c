/*
 * test-protocol-roundtrip.c: client and server sides of the protocols
 * against each other, over every operation of the real models of s3,
 * iam, lambda, ecr, sts and logs (and ec2 for the query variant).
 *
 * For each operation an input is generated from its input shape with
 * every member set (URI labels that need escaping, greedy keys with
 * slashes, longs beyond 2^53, headers, header maps, query maps, blobs,
 * timestamps, nested lists and maps), serialized by the client,
 * routed and decoded by the server side, and compared with the original
 * (timestamps as instants, blobs as bytes). Outputs go the other way:
 * generated, encoded by the server, parsed by the client, compared. Each
 * modeled error is encoded and parsed back with its code and message.
 * Operations with event streams are left out (not implemented).
 */
#include "hs-common.h"
#include "harness.h"
#include "protocol-int.h"
#include "protocol-gen.h"

#include <math.h>

static bool same_value(const struct aws_ref *ref, const cJSON *a,
    const cJSON *b, const char *path, struct hs_buf *why);

static bool
differ(struct hs_buf *why, const char *path, const cJSON *a, const cJSON *b)
{
	char *x = a ? cJSON_PrintUnformatted(a) : hs_xstrdup("(absent)");
	char *y = b ? cJSON_PrintUnformatted(b) : hs_xstrdup("(absent)");

	hs_buf_addf(why, "%s: %s != %s", *path ? path : "(top)", x, y);
	free(x);
	free(y);
	return false;
}

static bool
same_scalar(const struct aws_ref *ref, const cJSON *a, const cJSON *b,
    const char *path, struct hs_buf *why)
{
	struct aws_time ta, tb;
	struct hs_buf ba = HS_BUF_INIT, bb = HS_BUF_INIT;
	bool same;

	switch (ref->shape->type) {
	case AWS_SHAPE_TIMESTAMP:
		same = aws_time_from_json(a, &ta) == 0 &&
		    aws_time_from_json(b, &tb) == 0 && ta.sec == tb.sec &&
		    ta.usec == tb.usec;
		break;
	case AWS_SHAPE_BLOB:
		same = cJSON_IsString(a) && cJSON_IsString(b) &&
		    aws_base64_decode(&ba, a->valuestring,
		    strlen(a->valuestring)) == 0 && aws_base64_decode(&bb,
		    b->valuestring, strlen(b->valuestring)) == 0 &&
		    ba.len == bb.len && memcmp(ba.buf, bb.buf, ba.len) == 0;
		break;
	default:
		same = cJSON_Compare(a, b, true) || (cJSON_IsRaw(a) &&
		    cJSON_IsRaw(b) && strcmp(a->valuestring,
		    b->valuestring) == 0);
	}
	hs_buf_release(&ba);
	hs_buf_release(&bb);
	return same ? true : differ(why, path, a, b);
}

static bool
same_children(const struct aws_ref *sub, const cJSON *a, const cJSON *b,
    const char *path, struct hs_buf *why)
{
	const cJSON *x, *y;
	size_t i = 0;

	if (cJSON_GetArraySize(a) != cJSON_GetArraySize(b))
		return differ(why, path, a, b);
	for (x = a->child, y = b->child; x && y; x = x->next, y = y->next) {
		char *p = cJSON_IsArray(a) ? aws_path_index(path, i++) :
		    aws_path_key(path, x->string);
		const cJSON *other = cJSON_IsArray(a) ? y :
		    cJSON_GetObjectItemCaseSensitive(b, x->string);
		bool ok = same_value(sub, x, other, p, why);

		free(p);
		if (!ok)
			return false;
	}
	return true;
}

static bool
same_value(const struct aws_ref *ref, const cJSON *a, const cJSON *b,
    const char *path, struct hs_buf *why)
{
	const struct aws_shape *s = ref->shape;
	size_t i;

	if (a == NULL || b == NULL || cJSON_IsNull(a) || cJSON_IsNull(b))
		return (a == NULL) == (b == NULL) && (a == NULL ||
		    cJSON_IsNull(a) == cJSON_IsNull(b)) ? true :
		    differ(why, path, a, b);
	if ((s->flags & AWS_SHAPE_DOCUMENT) || ((ref->traits->flags &
	    AWS_TRAIT_JSONVALUE) && s->type == AWS_SHAPE_STRING))
		return cJSON_Compare(a, b, true) ? true : differ(why, path, a, b);
	switch (s->type) {
	case AWS_SHAPE_STRUCTURE:
		for (i = 0; i < s->n_members; i++) {
			const struct aws_member *m = &s->members[i];
			char *p = aws_path_member(path, m->name);
			const cJSON *x = cJSON_GetObjectItemCaseSensitive(a,
			    m->name);
			bool ok;

			/* a deprecated member may share its wire name with
			 * its replacement: it can come back unasked */
			if (x == NULL && (m->ref.traits->flags &
			    AWS_TRAIT_DEPRECATED)) {
				free(p);
				continue;
			}
			ok = same_value(&m->ref, x,
			    cJSON_GetObjectItemCaseSensitive(b, m->name), p, why);

			free(p);
			if (!ok)
				return false;
		}
		return true;
	case AWS_SHAPE_LIST:
		return same_children(&s->member, a, b, path, why);
	case AWS_SHAPE_MAP:
		return same_children(&s->value, a, b, path, why);
	default:
		return same_scalar(ref, a, b, path, why);
	}
}

/* Report a failed operation as a TAP comment; count it. */
static void
fail_op(int *failures, const char *svc, const char *op, const char *what,
    const char *detail)
{
	(*failures)++;
	printf("# %s %s: %s: %s\n", svc, op, what, detail ? detail : "");
}

static bool
has_event_stream(const struct aws_ref *ref)
{
	size_t i;

	for (i = 0; ref->shape && i < ref->shape->n_members; i++)
		if (ref->shape->members[i].ref.traits->flags &
		    AWS_TRAIT_EVENTSTREAM)
			return true;
	return false;
}

/* Copy a client request into what a server would receive. */
static void
as_received(const struct aws_request *sent, struct aws_request *got)
{
	char *path = hs_xstrdup(sent->path ? sent->path : "/");
	size_t i;

	aws_request_set_method(got, sent->method);
	aws_request_set_path(got, path);
	got->host = hs_xstrdup(sent->host);
	for (i = 0; i < sent->headers.n; i++)
		aws_kvlist_add(&got->headers, sent->headers.items[i].name,
		    sent->headers.items[i].value);
	for (i = 0; i < sent->query.n; i++)
		aws_kvlist_add(&got->query, sent->query.items[i].name,
		    sent->query.items[i].value);
	if (sent->body_kind == AWS_BODY_MEMORY)
		aws_request_set_body(got, sent->body.buf, sent->body.len);
	free(path);
}

/* Client -> server for one operation's input. */
static void
check_request(const struct aws_operation *op, int *failures)
{
	struct aws_request req = AWS_REQUEST_INIT, got = AWS_REQUEST_INIT;
	struct hs_buf why = HS_BUF_INIT;
	char *cause = NULL;
	cJSON *input = op->input.shape ? test_gen_value(&op->input, 0) :
	    cJSON_CreateObject(), *back = NULL;
	const struct aws_operation *found;

	if (op->service->protocol == AWS_PROTOCOL_QUERY ||
	    op->service->protocol == AWS_PROTOCOL_EC2) {
		cJSON *child, *next;

		for (child = input->child; child != NULL; child = next) {
			next = child->next;
			if (test_prune(child))
				cJSON_Delete(cJSON_DetachItemViaPointer(input,
				    child));
		}
	}

	aws_request_set_endpoint(&req, "https://svc.example.com", &cause);
	if (aws_protocol_serialize(op, input, 0, &req, &cause) < 0) {
		fail_op(failures, op->service->name, op->name, "serialize",
		    cause);
		goto cleanup;
	}
	as_received(&req, &got);
	found = aws_protocol_find_operation(op->service, &got, &cause);
	/* S3 keeps deprecated twins of some operations on the same method
	 * and requestUri: the wire cannot tell them apart, the current one
	 * is chosen */
	if (found != NULL && found != op && (op->flags & AWS_OP_DEPRECATED) &&
	    strcmp(found->http_method, op->http_method) == 0 &&
	    strcmp(found->request_uri, op->request_uri) == 0)
		found = op;
	if (found != op) {
		fail_op(failures, op->service->name, op->name, "routed to",
		    found ? found->name : cause);
		goto cleanup;
	}
	if (aws_protocol_decode_request(op, &got, &back, &cause) < 0) {
		fail_op(failures, op->service->name, op->name, "decode", cause);
		goto cleanup;
	}
	if (op->input.shape && !same_value(&op->input, input, back, "", &why))
		fail_op(failures, op->service->name, op->name, "input differs",
		    why.buf);
cleanup:
	free(cause);
	hs_buf_release(&why);
	cJSON_Delete(input);
	cJSON_Delete(back);
	aws_request_clear(&req);
	aws_request_clear(&got);
}

/* Server -> client for one operation's output. */
static void
check_response(const struct aws_operation *op, int *failures)
{
	struct aws_response resp = AWS_RESPONSE_INIT;
	struct aws_error err = AWS_ERROR_INIT;
	struct hs_buf why = HS_BUF_INIT;
	char *cause = NULL;
	cJSON *output = op->output.shape ? test_gen_value(&op->output, 0) : NULL;
	cJSON *back = NULL;
	int rc;

	if (aws_protocol_encode_response(op, output, "req-1", &resp,
	    &cause) < 0) {
		fail_op(failures, op->service->name, op->name, "encode", cause);
		goto cleanup;
	}
	rc = aws_protocol_parse(op, NULL, &resp, &back, &err, &cause);
	if (rc != AWS_PARSE_OK) {
		fail_op(failures, op->service->name, op->name, "parse",
		    cause ? cause : err.code);
		goto cleanup;
	}
	if (op->output.shape && !same_value(&op->output, output, back, "",
	    &why))
		fail_op(failures, op->service->name, op->name, "output differs",
		    why.buf);
cleanup:
	free(cause);
	hs_buf_release(&why);
	aws_error_clear(&err);
	cJSON_Delete(output);
	cJSON_Delete(back);
	aws_response_clear(&resp);
}

/* Server -> client for each modeled error of one operation. */
static void
check_errors(const struct aws_operation *op, int *failures)
{
	size_t i;

	for (i = 0; i < op->n_errors; i++) {
		const struct aws_shape *s = op->errors[i];
		struct aws_error out = AWS_ERROR_INIT, in = AWS_ERROR_INIT;
		struct aws_response resp = AWS_RESPONSE_INIT;
		cJSON *back = NULL;
		char *cause = NULL;

		out.code = hs_xstrdup(s->error_code);
		out.message = hs_xstrdup("it went wrong: <&>");
		out.request_id = hs_xstrdup("req-2");
		out.shape = s;
		if (aws_protocol_encode_error(op->service, &out, &resp,
		    &cause) < 0)
			fail_op(failures, op->service->name, s->name,
			    "encode error", cause);
		else if (aws_protocol_parse(op, NULL, &resp, &back, &in, &cause) !=
		    AWS_PARSE_SERVICE_ERROR)
			fail_op(failures, op->service->name, s->name,
			    "not parsed as an error", cause);
		else if (strcmp(in.code, s->error_code) != 0 ||
		    strcmp(in.message, out.message) != 0 || in.shape != s ||
		    in.request_id == NULL || strcmp(in.request_id, "req-2") != 0)
			fail_op(failures, op->service->name, s->name,
			    "error differs", in.code);
		free(cause);
		cJSON_Delete(back);
		aws_error_clear(&out);
		aws_error_clear(&in);
		aws_response_clear(&resp);
	}
}

/* Run one direction over every operation of a service. */
static void
run_service(const char *name, int direction)
{
	char *cause = NULL;
	const struct aws_service *svc = aws_model_get(name, &cause);
	int failures = 0, checked = 0;
	size_t i;

	if (svc == NULL) {
		printf("# %s\n", cause);
		free(cause);
		CU_FAIL_FATAL("model missing");
		return;
	}
	for (i = 0; i < svc->n_operations; i++) {
		const struct aws_operation *op = &svc->operations[i];

		if (has_event_stream(&op->input) ||
		    has_event_stream(&op->output))
			continue;
		checked++;
		if (direction == 0)
			check_request(op, &failures);
		else if (direction == 1)
			check_response(op, &failures);
		else
			check_errors(op, &failures);
	}
	printf("# %s: %d operations, %d failures\n", name, checked, failures);
	CU_ASSERT_TRUE(checked > 0);
	CU_ASSERT_EQUAL(failures, 0);
}

#define SERVICE_TESTS(n)						\
static void test_##n##_requests(void) { run_service(#n, 0); }		\
static void test_##n##_responses(void) { run_service(#n, 1); }	\
static void test_##n##_errors(void) { run_service(#n, 2); }

SERVICE_TESTS(s3)
SERVICE_TESTS(iam)
SERVICE_TESTS(lambda)
SERVICE_TESTS(ecr)
SERVICE_TESTS(sts)
SERVICE_TESTS(logs)
SERVICE_TESTS(ec2)

#define SERVICE_CASES(n)						\
	{ #n "-requests", test_##n##_requests },			\
	{ #n "-responses", test_##n##_responses },			\
	{ #n "-errors", test_##n##_errors }

static const struct hs_unit_case cases[] = {
	SERVICE_CASES(s3),
	SERVICE_CASES(iam),
	SERVICE_CASES(lambda),
	SERVICE_CASES(ecr),
	SERVICE_CASES(sts),
	SERVICE_CASES(logs),
	SERVICE_CASES(ec2),
};

static int
clear_models(void)
{
	aws_model_cache_clear();
	return 0;
}

void
hs_unit_register(void)
{
	CU_pSuite s = hs_unit_add_table("roundtrip", cases,
	    HS_ARRAY_SIZE(cases));

	CU_set_suite_cleanupfunc(s, clear_models);
}
