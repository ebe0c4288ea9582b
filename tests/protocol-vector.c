/*
 * protocol-vector.c: run every case of a botocore protocol test file
 * (../shared/testdata/protocols, README.md there) and print TAP.
 *
 *   tests/protocol-vector input|output FILE.json
 *
 * Each case builds its own model ({metadata, shapes, operations: {given}})
 * as botocore's runner does. Input cases serialize "params" and compare
 * method, path and query, headers (required, forbidden, host) and body
 * (JSON as values, XML after C14N without blank text, anything else byte
 * for byte; an absent "body" is not checked, as botocore's runner).
 * Output cases parse "response" and compare the result, or the error with
 * its modeled members, as values.
 *
 * Idempotency tokens are made with the fixed UUID the auto-fill cases
 * expect (botocore's runner skips them because its UUIDs are random).
 *
 * The test files write blobs as plain strings and timestamps as epoch
 * seconds; protocol.h uses base64 and ISO 8601 text. Values are converted
 * along the shapes on the way in and out; everything else is compared as
 * is.
 *
 * Cases left out are skipped loudly ("# SKIP why"): those botocore's
 * protocol-tests-ignore-list.json names (found next to the test folders),
 * unless they pass anyway or are in must_pass[], and those in left_out[]
 * below, with reasons.
 */
#include "hs-common.h"
#include "protocol-int.h"

#include <ctype.h>
#include <libgen.h>
#include <math.h>
#include <strings.h>

/* Cases this project leaves out, beyond botocore's ignore list. */
static const struct {
	const char *protocol;	/* file name without .json, or "*" */
	const char *id;		/* case id or suite description */
	const char *why;
} left_out[] = {
	{ "json", "RPC JSON Event Stream",
	  "event streams are not implemented (no operation hipaa-shell "
	  "targets needs one)" },
	{ "rest-xml", "REST XML Event Stream",
	  "event streams are not implemented (no operation hipaa-shell "
	  "targets needs one)" },
};

struct runner {
	const char *protocol;	/* "rest-xml", "json_1_0", ... */
	bool input;
	cJSON *ignore;		/* protocol-tests-ignore-list.json or NULL */
	int n;
	int failed;
	int skipped;
};

static cJSON *
load_json(const char *path)
{
	char *cause = NULL;
	cJSON *doc;
	FILE *f = fopen(path, "rb");
	struct hs_buf b = HS_BUF_INIT;
	char chunk[65536];
	size_t n;

	if (f == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (hs_buf_add(&b, chunk, n) < 0)
			break;
	fclose(f);
	doc = aws_json_parse(b.buf, b.len, &cause);
	if (doc == NULL)
		fprintf(stderr, "%s: %s\n", path, cause);
	free(cause);
	hs_buf_release(&b);
	return doc;
}

/* Find protocol-tests-ignore-list.json one or two folders up. */
static cJSON *
load_ignore_list(const char *file)
{
	char *copy = hs_xstrdup(file), *dir = dirname(copy), *path;
	cJSON *doc;

	path = hs_xasprintf("%s/../protocol-tests-ignore-list.json", dir);
	doc = load_json(path);
	free(path);
	if (doc == NULL) {
		path = hs_xasprintf("%s/../../protocol-tests-ignore-list.json",
		    dir);
		doc = load_json(path);
		free(path);
	}
	free(copy);
	return doc;
}

static bool
string_in(const cJSON *arr, const char *s)
{
	const cJSON *item;

	if (s == NULL)
		return false;
	cJSON_ArrayForEach(item, arr)
		if (cJSON_IsString(item) && strcmp(item->valuestring, s) == 0)
			return true;
	return false;
}

/* Suites botocore's ignore list names that hipaa-shell implements: they
 * must pass. (botocore's runner cannot check request compression.) */
static const char *const must_pass[] = {
	"Test cases for PutWithContentEncoding operation",
};

/* Tell whether botocore's ignore list names this suite or case. */
static bool
ignored(const struct runner *r, const char *suite, const char *id)
{
	const char *dir = r->input ? "input" : "output";
	const cJSON *general, *proto;
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(must_pass); i++)
		if (strcmp(must_pass[i], suite) == 0)
			return false;

	general = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(
	    r->ignore, "general"), dir);
	proto = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetObjectItemCaseSensitive(r->ignore, "protocols"),
	    r->protocol), dir);
	return string_in(cJSON_GetObjectItemCaseSensitive(general, "suites"),
	    suite) || string_in(cJSON_GetObjectItemCaseSensitive(general,
	    "cases"), id) || string_in(cJSON_GetObjectItemCaseSensitive(proto,
	    "suites"), suite) || string_in(cJSON_GetObjectItemCaseSensitive(
	    proto, "cases"), id);
}

/* The reason this project leaves a case out, or NULL. */
static const char *
left_out_reason(const struct runner *r, const char *suite, const char *id)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(left_out); i++) {
		if (strcmp(left_out[i].protocol, "*") != 0 &&
		    strcmp(left_out[i].protocol, r->protocol) != 0)
			continue;
		if ((id && strcmp(left_out[i].id, id) == 0) ||
		    strcmp(left_out[i].id, suite) == 0)
			return left_out[i].why;
	}
	return NULL;
}

/* Convert test params to protocol.h values: blobs to base64. */
static cJSON *
params_to_input(const struct aws_ref *ref, const cJSON *v)
{
	const struct aws_shape *s = ref->shape;
	const cJSON *item;
	cJSON *out;

	if (s == NULL || cJSON_IsNull(v) || (s->flags & AWS_SHAPE_DOCUMENT))
		return cJSON_Duplicate(v, true);
	if (s->type == AWS_SHAPE_BLOB && cJSON_IsString(v)) {
		struct hs_buf b = HS_BUF_INIT;

		aws_base64_encode(&b, v->valuestring, strlen(v->valuestring));
		out = cJSON_CreateString(b.buf);
		hs_buf_release(&b);
		return out;
	}
	if (s->type == AWS_SHAPE_STRUCTURE && cJSON_IsObject(v)) {
		out = cJSON_CreateObject();
		cJSON_ArrayForEach(item, v) {
			const struct aws_member *m = aws_model_find_member(s,
			    item->string);
			struct aws_ref none = { NULL, NULL };

			cJSON_AddItemToObject(out, item->string, params_to_input(
			    m ? &m->ref : &none, item));
		}
		return out;
	}
	if ((s->type == AWS_SHAPE_LIST && cJSON_IsArray(v)) ||
	    (s->type == AWS_SHAPE_MAP && cJSON_IsObject(v))) {
		const struct aws_ref *sub = s->type == AWS_SHAPE_LIST ?
		    &s->member : &s->value;

		out = s->type == AWS_SHAPE_LIST ? cJSON_CreateArray() :
		    cJSON_CreateObject();
		cJSON_ArrayForEach(item, v) {
			if (s->type == AWS_SHAPE_LIST)
				cJSON_AddItemToArray(out, params_to_input(sub,
				    item));
			else
				cJSON_AddItemToObject(out, item->string,
				    params_to_input(sub, item));
		}
		return out;
	}
	return cJSON_Duplicate(v, true);
}

/* Convert protocol.h output values to the test's: timestamps to epoch
 * numbers, blobs to their bytes as text, raw integers to numbers. */
static cJSON *
output_to_result(const struct aws_ref *ref, const cJSON *v)
{
	const struct aws_shape *s = ref ? ref->shape : NULL;
	const cJSON *item;
	cJSON *out;

	if (s == NULL || cJSON_IsNull(v) || (s->flags & AWS_SHAPE_DOCUMENT))
		return cJSON_Duplicate(v, true);
	if (s->type == AWS_SHAPE_TIMESTAMP && cJSON_IsString(v)) {
		struct aws_time t;

		if (aws_time_parse(v->valuestring, &t) == 0)
			return cJSON_CreateNumber(aws_time_to_double(&t));
	}
	if (s->type == AWS_SHAPE_BLOB && cJSON_IsString(v)) {
		struct hs_buf b = HS_BUF_INIT;

		if (aws_base64_decode(&b, v->valuestring,
		    strlen(v->valuestring)) == 0) {
			out = cJSON_CreateString(b.buf);
			hs_buf_release(&b);
			return out;
		}
		hs_buf_release(&b);
	}
	if (s->type == AWS_SHAPE_STRUCTURE && cJSON_IsObject(v)) {
		out = cJSON_CreateObject();
		cJSON_ArrayForEach(item, v) {
			const struct aws_member *m = aws_model_find_member(s,
			    item->string);

			cJSON_AddItemToObject(out, item->string, output_to_result(
			    m ? &m->ref : NULL, item));
		}
		return out;
	}
	if (s->type == AWS_SHAPE_LIST || s->type == AWS_SHAPE_MAP) {
		const struct aws_ref *sub = s->type == AWS_SHAPE_LIST ?
		    &s->member : &s->value;

		out = cJSON_IsArray(v) ? cJSON_CreateArray() :
		    cJSON_CreateObject();
		cJSON_ArrayForEach(item, v) {
			if (cJSON_IsArray(v))
				cJSON_AddItemToArray(out, output_to_result(sub,
				    item));
			else
				cJSON_AddItemToObject(out, item->string,
				    output_to_result(sub, item));
		}
		return out;
	}
	return cJSON_Duplicate(v, true);
}

/* Compare two JSON values; numbers within a relative 1e-9. */
static bool
json_equal(const cJSON *a, const cJSON *b)
{
	const cJSON *item;

	if (a == NULL || b == NULL)
		return a == b;
	if (cJSON_IsRaw(a) && cJSON_IsRaw(b))
		return strcmp(a->valuestring, b->valuestring) == 0;
	if (cJSON_IsRaw(a) || cJSON_IsRaw(b))
		return false;
	if (cJSON_IsNumber(a) && cJSON_IsNumber(b))
		return a->valuedouble == b->valuedouble ||
		    fabs(a->valuedouble - b->valuedouble) <=
		    1e-9 * fmax(1.0, fabs(b->valuedouble));
	if ((a->type & 0xff) != (b->type & 0xff))
		return false;
	if (cJSON_IsString(a))
		return strcmp(a->valuestring, b->valuestring) == 0;
	if (cJSON_IsArray(a)) {
		const cJSON *x = a->child, *y = b->child;

		for (; x && y; x = x->next, y = y->next)
			if (!json_equal(x, y))
				return false;
		return x == NULL && y == NULL;
	}
	if (cJSON_IsObject(a)) {
		if (cJSON_GetArraySize(a) != cJSON_GetArraySize(b))
			return false;
		cJSON_ArrayForEach(item, a)
			if (!json_equal(item, cJSON_GetObjectItemCaseSensitive(
			    b, item->string)))
				return false;
		return true;
	}
	return true;
}

static void
diag(struct hs_buf *d, const char *what, const char *want, const char *got)
{
	hs_buf_addf(d, "%s\n  expected: %s\n  got:      %s\n", what,
	    want ? want : "(none)", got ? got : "(none)");
}

static void
diag_json(struct hs_buf *d, const char *what, const cJSON *want,
    const cJSON *got)
{
	char *w = want ? cJSON_PrintUnformatted(want) : NULL;
	char *g = got ? cJSON_PrintUnformatted(got) : NULL;

	diag(d, what, w, g);
	free(w);
	free(g);
}

/* Build the model of one case, as botocore's runner does. */
static struct aws_service *
case_model(const cJSON *suite, const cJSON *c, const char **op_name,
    char **cause)
{
	cJSON *desc = cJSON_CreateObject(), *ops, *given;
	const cJSON *g = cJSON_GetObjectItemCaseSensitive(c, "given");
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(g, "name");
	struct aws_service *svc;

	*op_name = cJSON_IsString(name) ? name->valuestring : "OperationName";
	cJSON_AddItemToObject(desc, "metadata", cJSON_Duplicate(
	    cJSON_GetObjectItemCaseSensitive(suite, "metadata"), true));
	cJSON_AddItemToObject(desc, "shapes", cJSON_Duplicate(
	    cJSON_GetObjectItemCaseSensitive(suite, "shapes"), true));
	ops = cJSON_AddObjectToObject(desc, "operations");
	given = cJSON_Duplicate(g, true);
	cJSON_AddItemToObject(ops, *op_name, given);
	svc = aws_model_new(desc, NULL, "protocol-test", cause);
	cJSON_Delete(desc);
	return svc;
}

/* The request's path and encoded query, as the test's "uri". */
static char *
request_uri(const struct aws_request *req)
{
	struct hs_buf b = HS_BUF_INIT;
	size_t i;

	hs_buf_adds(&b, req->path ? req->path : "/");
	for (i = 0; i < req->query.n; i++) {
		const struct aws_kv *kv = &req->query.items[i];

		hs_buf_addch(&b, i ? '&' : '?');
		aws_uri_encode(&b, kv->name, strlen(kv->name), false);
		if (kv->value != NULL) {
			hs_buf_addch(&b, '=');
			aws_uri_encode(&b, kv->value, strlen(kv->value), false);
		}
	}
	return hs_buf_detach(&b, NULL);
}

/* Compare one expected header with the request's. */
static void
check_header(const struct runner *r, const struct aws_request *req,
    const char *name, const char *want, struct hs_buf *d)
{
	const char *got = aws_kvlist_get(&req->headers, name);
	char *a, *b;

	if (strcasecmp(name, "Content-Type") == 0) {
		if (strcmp(r->protocol, "rest-xml") == 0)
			return;
		if (strcmp(r->protocol, "rest-json") == 0 &&
		    strcmp(want, "application/json") != 0)
			return;
		if ((strcmp(r->protocol, "query") == 0 ||
		    strcmp(r->protocol, "ec2") == 0) && got != NULL &&
		    strcmp(want, "application/x-www-form-urlencoded") == 0 &&
		    strcmp(got, "application/x-www-form-urlencoded; "
		    "charset=utf-8") == 0)
			return;
	}
	if (got != NULL && strcmp(got, want) == 0)
		return;
	if (got != NULL) {
		struct hs_buf x = HS_BUF_INIT, y = HS_BUF_INIT;
		const char *p;
		bool same;

		for (p = want; *p; p++)
			if (!(*p == ' ' && p > want && p[-1] == ','))
				hs_buf_addch(&x, *p);
		for (p = got; *p; p++)
			if (!(*p == ' ' && p > got && p[-1] == ','))
				hs_buf_addch(&y, *p);
		same = strcmp(x.buf, y.buf) == 0;
		hs_buf_release(&x);
		hs_buf_release(&y);
		if (same)
			return;
	}
	a = hs_xasprintf("header %s", name);
	b = got ? hs_xstrdup(got) : NULL;
	diag(d, a, want, b);
	free(a);
	free(b);
}

/* Compare the request body with the expected one. */
static void
check_body(const struct runner *r, const struct aws_request *req,
    const char *want, struct hs_buf *d)
{
	const char *got = req->body_kind == AWS_BODY_MEMORY ? req->body.buf :
	    "";
	size_t got_len = req->body_kind == AWS_BODY_MEMORY ? req->body.len : 0;
	char *cause = NULL;
	bool json = strcmp(r->protocol, "rest-json") == 0 ||
	    strncmp(r->protocol, "json", 4) == 0;

	if (json && *want) {
		cJSON *w = aws_json_parse(want, strlen(want), &cause);
		cJSON *g = w ? aws_json_parse(got, got_len, &cause) : NULL;

		free(cause);
		if (w != NULL) {
			if (!json_equal(g, w))
				diag(d, "body (as JSON)", want, got);
			cJSON_Delete(w);
			cJSON_Delete(g);
			return;
		}
	}
	if (strcmp(r->protocol, "rest-xml") == 0 &&
	    want[strspn(want, " \t\r\n")] == '<') {
		char *cw = aws_xml_canonical(want, strlen(want), &cause);
		char *cg = cw ? aws_xml_canonical(got, got_len, &cause) : NULL;

		if (cw == NULL || cg == NULL || strcmp(cw, cg) != 0)
			diag(d, "body (XML C14N)", cw ? cw : want, cg ? cg : got);
		free(cw);
		free(cg);
		free(cause);
		return;
	}
	if (strlen(want) != got_len || memcmp(want, got, got_len) != 0)
		diag(d, "body", want, got);
}

/* Check the headers of a serialized request. */
static void
check_headers(const struct runner *r, const struct aws_request *req,
    const cJSON *ser, struct hs_buf *d)
{
	const cJSON *h;

	cJSON_ArrayForEach(h, cJSON_GetObjectItemCaseSensitive(ser, "headers"))
		if (cJSON_IsString(h))
			check_header(r, req, h->string, h->valuestring, d);
	cJSON_ArrayForEach(h, cJSON_GetObjectItemCaseSensitive(ser,
	    "forbidHeaders"))
		if (cJSON_IsString(h) && aws_kvlist_get(&req->headers,
		    h->valuestring) != NULL)
			diag(d, "forbidden header present", h->valuestring,
			    aws_kvlist_get(&req->headers, h->valuestring));
	/* Content-Length is the HTTP layer's: the body must be there. */
	cJSON_ArrayForEach(h, cJSON_GetObjectItemCaseSensitive(ser,
	    "requireHeaders"))
		if (cJSON_IsString(h) && aws_kvlist_get(&req->headers,
		    h->valuestring) == NULL &&
		    !(strcasecmp(h->valuestring, "Content-Length") == 0 &&
		    req->body_kind != AWS_BODY_NONE))
			diag(d, "required header missing", h->valuestring, NULL);
}

/* Compare the host; an expected "host/path" includes the endpoint's
 * base path (Smithy's host field). */
static void
check_host(const struct aws_request *req, const char *endpoint,
    const char *want, struct hs_buf *d)
{
	const char *scheme = endpoint ? strstr(endpoint, "://") : NULL;
	const char *path = scheme ? strchr(scheme + 3, '/') : NULL;
	char *got;

	if (strchr(want, '/') != NULL && path != NULL)
		got = hs_xasprintf("%s%.*s", req->host, (int)(strlen(path) -
		    (path[strlen(path) - 1] == '/')), path);
	else
		got = hs_xstrdup(req->host);
	if (strcmp(want, got) != 0)
		diag(d, "host", want, got);
	free(got);
}

/* Run one input case; diagnostics go to d. */
static void
run_input(const struct runner *r, const cJSON *suite, const cJSON *c,
    struct hs_buf *d)
{
	const cJSON *ser = cJSON_GetObjectItemCaseSensitive(c, "serialized");
	const cJSON *endpoint = cJSON_GetObjectItemCaseSensitive(suite,
	    "clientEndpoint");
	const char *op_name, *s;
	struct aws_request req = AWS_REQUEST_INIT;
	char *cause = NULL, *uri;
	struct aws_service *svc = case_model(suite, c, &op_name, &cause);
	const struct aws_operation *op;
	cJSON *input = NULL;

	if (svc == NULL) {
		diag(d, "model", "a model", cause);
		goto cleanup;
	}
	/* the token auto-fill cases expect this UUID where one is made */
	aws_uuid_fixed = "00000000-0000-4000-8000-000000000000";
	op = aws_model_find_operation(svc, op_name);
	input = params_to_input(&op->input, cJSON_GetObjectItemCaseSensitive(c,
	    "params"));
	aws_request_set_endpoint(&req, cJSON_IsString(endpoint) ?
	    endpoint->valuestring : "https://example.com", &cause);
	if (aws_protocol_serialize(op, input, 0, &req, &cause) < 0) {
		diag(d, "serialize", "success", cause);
		goto cleanup;
	}
	if ((s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(ser,
	    "method"))) && strcmp(s, req.method) != 0)
		diag(d, "method", s, req.method);
	uri = request_uri(&req);
	s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(ser, "uri"));
	if (strcmp(s ? s : "", uri) != 0)
		diag(d, "uri", s, uri);
	free(uri);
	check_headers(r, &req, ser, d);
	/* an absent "body" is not checked (botocore's runner) */
	s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(ser, "body"));
	if (s != NULL)
		check_body(r, &req, s, d);
	if ((s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(ser,
	    "host"))) != NULL)
		check_host(&req, cJSON_GetStringValue(endpoint), s, d);
cleanup:
	free(cause);
	cJSON_Delete(input);
	aws_request_clear(&req);
	aws_model_free(svc);
}

/* Build the aws_response of an output case. */
static void
case_response(const cJSON *c, struct aws_response *resp)
{
	const cJSON *r = cJSON_GetObjectItemCaseSensitive(c, "response");
	const cJSON *h, *body = cJSON_GetObjectItemCaseSensitive(r, "body");

	resp->status = (int)cJSON_GetNumberValue(
	    cJSON_GetObjectItemCaseSensitive(r, "status_code"));
	cJSON_ArrayForEach(h, cJSON_GetObjectItemCaseSensitive(r, "headers"))
		if (cJSON_IsString(h))
			aws_kvlist_add(&resp->headers, h->string,
			    h->valuestring);
	if (cJSON_IsString(body) && hs_buf_adds(&resp->body,
	    body->valuestring) < 0)
		BUG("test body too large");
	resp->body_kind = AWS_BODY_MEMORY;
	resp->body_length = (off_t)resp->body.len;
}

/* The expected and actual values of an error case. */
static void
check_error(const cJSON *c, const struct aws_error *err, struct hs_buf *d)
{
	const cJSON *code = cJSON_GetObjectItemCaseSensitive(c, "errorCode");
	const cJSON *msg = cJSON_GetObjectItemCaseSensitive(c, "errorMessage");
	cJSON *want = cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(c,
	    "error"), true), *got, *e;
	struct aws_ref ref = { err->shape, err->shape ? &err->shape->traits :
	    NULL };

	got = err->fields && err->shape ? output_to_result(&ref, err->fields) :
	    cJSON_CreateObject();
	e = cJSON_CreateObject();
	cJSON_AddStringToObject(e, "Code", cJSON_IsString(code) ?
	    code->valuestring : "");
	cJSON_AddStringToObject(e, "Message", cJSON_IsString(msg) ?
	    msg->valuestring : "");
	cJSON_AddItemToObject(want, "Error", e);
	e = cJSON_CreateObject();
	cJSON_AddStringToObject(e, "Code", err->code ? err->code : "");
	cJSON_AddStringToObject(e, "Message", err->message ? err->message : "");
	cJSON_DeleteItemFromObjectCaseSensitive(got, "Error");
	cJSON_AddItemToObject(got, "Error", e);
	if (!json_equal(got, want))
		diag_json(d, "error", want, got);
	cJSON_Delete(want);
	cJSON_Delete(got);
}

/* Run one output case; diagnostics go to d. */
static void
run_output(const cJSON *suite, const cJSON *c, struct hs_buf *d)
{
	struct aws_response resp = AWS_RESPONSE_INIT;
	struct aws_error err = AWS_ERROR_INIT;
	const char *op_name;
	char *cause = NULL;
	struct aws_service *svc = case_model(suite, c, &op_name, &cause);
	const struct aws_operation *op;
	cJSON *output = NULL, *got;
	int rc;

	if (svc == NULL) {
		diag(d, "model", "a model", cause);
		goto cleanup;
	}
	op = aws_model_find_operation(svc, op_name);
	case_response(c, &resp);
	rc = aws_protocol_parse(op, NULL, &resp, &output, &err, &cause);
	if (cJSON_GetObjectItemCaseSensitive(c, "error") != NULL) {
		if (rc != AWS_PARSE_SERVICE_ERROR)
			diag(d, "parse", "a service error", cause ? cause :
			    "success");
		else
			check_error(c, &err, d);
		goto cleanup;
	}
	if (rc != AWS_PARSE_OK) {
		diag(d, "parse", "success", cause ? cause : err.code);
		goto cleanup;
	}
	got = output_to_result(&op->output, output);
	if (!json_equal(got, cJSON_GetObjectItemCaseSensitive(c, "result")))
		diag_json(d, "result", cJSON_GetObjectItemCaseSensitive(c,
		    "result"), got);
	cJSON_Delete(got);
cleanup:
	free(cause);
	cJSON_Delete(output);
	aws_error_clear(&err);
	aws_response_clear(&resp);
	aws_model_free(svc);
}

/* Print one TAP line (and diagnostics) for a case. */
static void
report(struct runner *r, const char *suite, const char *id,
    const struct hs_buf *d, const char *skip)
{
	char *name = hs_xasprintf("%s %s: %s%s%s", r->protocol,
	    r->input ? "input" : "output", suite, id ? " / " : "",
	    id ? id : "");
	const char *p;

	r->n++;
	if (d->len == 0)
		printf("ok %d - %s\n", r->n, name);
	else if (skip != NULL) {
		r->skipped++;
		printf("ok %d - %s # SKIP %s\n", r->n, name, skip);
	} else {
		r->failed++;
		printf("not ok %d - %s\n", r->n, name);
	}
	if (d->len > 0) {
		printf("# ");
		for (p = d->buf; *p; p++) {
			putchar(*p);
			if (*p == '\n' && p[1])
				printf("# ");
		}
		if (d->buf[d->len - 1] != '\n')
			putchar('\n');
	}
	free(name);
}

/* Run every case of a suite. */
static void
run_suite(struct runner *r, const cJSON *suite)
{
	const char *desc = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
	    suite, "description"));
	const cJSON *c;

	if (desc == NULL)
		desc = "(no description)";
	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(suite, "cases")) {
		const char *id = cJSON_GetStringValue(
		    cJSON_GetObjectItemCaseSensitive(c, "id"));
		const char *why = left_out_reason(r, desc, id);
		struct hs_buf d = HS_BUF_INIT;

		if (why != NULL) {
			hs_buf_adds(&d, "left out");
			report(r, desc, id, &d, why);
			hs_buf_release(&d);
			continue;
		}
		if (r->input)
			run_input(r, suite, c, &d);
		else
			run_output(suite, c, &d);
		report(r, desc, id, &d, ignored(r, desc, id) ?
		    "in botocore's protocol-tests-ignore-list.json" : NULL);
		hs_buf_release(&d);
	}
}

/* The protocol name of a test file: its base name without ".json". */
static char *
protocol_of(const char *file)
{
	char *copy = hs_xstrdup(file), *base = basename(copy), *dot, *name;

	dot = strrchr(base, '.');
	if (dot != NULL)
		*dot = '\0';
	name = hs_xstrdup(base);
	free(copy);
	return name;
}

int
main(int argc, char **argv)
{
	struct runner r = { 0 };
	cJSON *doc, *suite;
	char *proto;

	if (argc != 3 || (strcmp(argv[1], "input") != 0 &&
	    strcmp(argv[1], "output") != 0)) {
		fprintf(stderr, "usage: protocol-vector input|output FILE.json\n");
		return 2;
	}
	doc = load_json(argv[2]);
	if (doc == NULL) {
		printf("Bail out! cannot read %s\n", argv[2]);
		return 1;
	}
	proto = protocol_of(argv[2]);
	r.protocol = proto;
	r.input = strcmp(argv[1], "input") == 0;
	r.ignore = load_ignore_list(argv[2]);
	cJSON_ArrayForEach(suite, doc)
		run_suite(&r, suite);
	printf("1..%d\n", r.n);
	fprintf(stderr, "%s %s: %d cases, %d failed, %d skipped\n", proto,
	    argv[1], r.n, r.failed, r.skipped);
	cJSON_Delete(r.ignore);
	cJSON_Delete(doc);
	free(proto);
	return r.failed ? 1 : 0;
}
