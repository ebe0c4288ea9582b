/*
 * model-dump.c: print what the models give the CLI, for tests that
 * compare it with botocore and the AWS CLI (t0301).
 *
 *   model-dump services             data folder name, TAB, CLI command
 *   model-dump names SERVICE...     SERVICE TAB Op TAB op-cli-name, then
 *                                   SERVICE TAB Op TAB Member TAB cli-name
 *                                   for each input member
 *   model-dump time SERVICE         milliseconds to load it (once)
 *   model-dump requests SERVICE     one JSON line per operation: a
 *                                   generated input and the request the
 *                                   client serializes from it
 *   model-dump responses SERVICE    one JSON line per operation: the
 *                                   response the sandbox encodes for a
 *                                   generated output, and what the client
 *                                   parses from it
 *
 * "names all" means every service found. Operations with event streams
 * are left out of requests and responses (not implemented).
 */
#include "hs-common.h"
#include "protocol-int.h"
#include "protocol-gen.h"

#include <time.h>

static int
dump_names(const char *name)
{
	char *cause = NULL;
	const struct aws_service *svc = aws_model_get(name, &cause);
	size_t i, j;

	if (svc == NULL) {
		fprintf(stderr, "model-dump: %s\n", cause);
		free(cause);
		return -1;
	}
	for (i = 0; i < svc->n_operations; i++) {
		const struct aws_operation *op = &svc->operations[i];
		const struct aws_shape *in = op->input.shape;

		printf("%s\t%s\t%s\n", name, op->name, op->cli_name);
		for (j = 0; in != NULL && j < in->n_members; j++)
			printf("%s\t%s\t%s\t%s\n", name, op->name,
			    in->members[j].name, in->members[j].cli_name);
	}
	return 0;
}

static int
dump_all(void)
{
	size_t n, i;
	char **list = aws_model_list_services(&n);
	int rc = 0;

	for (i = 0; i < n; i++) {
		if (dump_names(list[i]) < 0)
			rc = -1;
		aws_model_cache_clear();
	}
	aws_model_list_free(list, n);
	return rc;
}

static int
time_load(const char *name)
{
	struct timespec a, b;
	char *cause = NULL;
	const struct aws_service *svc;

	clock_gettime(CLOCK_MONOTONIC, &a);
	svc = aws_model_get(name, &cause);
	clock_gettime(CLOCK_MONOTONIC, &b);
	if (svc == NULL) {
		fprintf(stderr, "model-dump: %s\n", cause);
		free(cause);
		return -1;
	}
	printf("%.1f\n", (double)(b.tv_sec - a.tv_sec) * 1e3 +
	    (double)(b.tv_nsec - a.tv_nsec) / 1e6);
	return 0;
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

/* Add a body as base64 to a JSON line. */
static void
add_body(cJSON *line, enum aws_body_kind kind, const struct hs_buf *body)
{
	struct hs_buf b64 = HS_BUF_INIT;

	if (kind == AWS_BODY_MEMORY)
		aws_base64_encode(&b64, body->buf, body->len);
	cJSON_AddStringToObject(line, "body_b64", b64.buf);
	hs_buf_release(&b64);
}

/* Add headers as [[name, value], ...] (order kept). */
static void
add_headers(cJSON *line, const struct aws_kvlist *headers)
{
	cJSON *arr = cJSON_AddArrayToObject(line, "headers");
	size_t i;

	for (i = 0; i < headers->n; i++) {
		cJSON *pair = cJSON_CreateArray();

		cJSON_AddItemToArray(pair, cJSON_CreateString(
		    headers->items[i].name));
		cJSON_AddItemToArray(pair, cJSON_CreateString(
		    headers->items[i].value ? headers->items[i].value : ""));
		cJSON_AddItemToArray(arr, pair);
	}
}

static void
print_line(cJSON *line)
{
	struct hs_buf b = HS_BUF_INIT;

	aws_json_write_value(&b, line);
	printf("%s\n", b.buf);
	hs_buf_release(&b);
}

/* The request line of one operation. */
static void
dump_request(const struct aws_operation *op)
{
	struct aws_request req = AWS_REQUEST_INIT;
	char *cause = NULL;
	cJSON *input = op->input.shape ? test_gen_value(&op->input, 0) :
	    cJSON_CreateObject(), *line = cJSON_CreateObject();
	struct hs_buf uri = HS_BUF_INIT;
	size_t i;

	if (op->service->protocol == AWS_PROTOCOL_QUERY ||
	    op->service->protocol == AWS_PROTOCOL_EC2)
		test_prune(input);
	cJSON_AddStringToObject(line, "op", op->name);
	aws_request_set_endpoint(&req, "https://h.example.com", &cause);
	if (aws_protocol_serialize(op, input, 0, &req, &cause) < 0) {
		cJSON_AddStringToObject(line, "error", cause);
		goto out;
	}
	cJSON_AddItemToObject(line, "input", cJSON_Duplicate(input, true));
	cJSON_AddStringToObject(line, "method", req.method);
	hs_buf_adds(&uri, req.path);
	for (i = 0; i < req.query.n; i++) {
		hs_buf_addch(&uri, i ? '&' : '?');
		aws_uri_encode(&uri, req.query.items[i].name,
		    strlen(req.query.items[i].name), false);
		if (req.query.items[i].value != NULL) {
			hs_buf_addch(&uri, '=');
			aws_uri_encode(&uri, req.query.items[i].value,
			    strlen(req.query.items[i].value), false);
		}
	}
	cJSON_AddStringToObject(line, "uri", uri.buf);
	cJSON_AddStringToObject(line, "host", req.host);
	add_headers(line, &req.headers);
	add_body(line, req.body_kind, &req.body);
out:
	print_line(line);
	free(cause);
	hs_buf_release(&uri);
	cJSON_Delete(line);
	cJSON_Delete(input);
	aws_request_clear(&req);
}

/* The response line of one operation. */
static void
dump_response(const struct aws_operation *op)
{
	struct aws_response resp = AWS_RESPONSE_INIT;
	struct aws_error err = AWS_ERROR_INIT;
	char *cause = NULL;
	cJSON *output = op->output.shape ? test_gen_value(&op->output, 0) :
	    NULL, *line = cJSON_CreateObject(), *ours = NULL;

	cJSON_AddStringToObject(line, "op", op->name);
	if (aws_protocol_encode_response(op, output, "req-1", &resp,
	    &cause) < 0 || aws_protocol_parse(op, NULL, &resp, &ours, &err,
	    &cause) != AWS_PARSE_OK) {
		cJSON_AddStringToObject(line, "error", cause ? cause :
		    err.code ? err.code : "?");
		goto out;
	}
	cJSON_AddNumberToObject(line, "status", resp.status);
	add_headers(line, &resp.headers);
	add_body(line, resp.body_kind, &resp.body);
	cJSON_AddItemToObject(line, "ours", ours);
	ours = NULL;
out:
	print_line(line);
	free(cause);
	aws_error_clear(&err);
	cJSON_Delete(line);
	cJSON_Delete(ours);
	cJSON_Delete(output);
	aws_response_clear(&resp);
}

/* One JSON line per operation of a service, requests or responses. */
static int
dump_messages(const char *name, bool requests)
{
	char *cause = NULL;
	const struct aws_service *svc = aws_model_get(name, &cause);
	size_t i;

	if (svc == NULL) {
		fprintf(stderr, "model-dump: %s\n", cause);
		free(cause);
		return -1;
	}
	for (i = 0; i < svc->n_operations; i++) {
		const struct aws_operation *op = &svc->operations[i];

		if (has_event_stream(&op->input) ||
		    has_event_stream(&op->output))
			continue;
		if (requests)
			dump_request(op);
		else
			dump_response(op);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	size_t n, i;
	char **list;
	int rc = 0, k;

	if (argc >= 2 && strcmp(argv[1], "services") == 0) {
		list = aws_model_list_services(&n);
		for (i = 0; i < n; i++)
			printf("%s\t%s\n", list[i],
			    aws_model_cli_service_name(list[i]));
		aws_model_list_free(list, n);
	} else if (argc >= 3 && strcmp(argv[1], "names") == 0) {
		for (k = 2; k < argc; k++)
			if ((strcmp(argv[k], "all") == 0 ? dump_all() :
			    dump_names(argv[k])) < 0)
				rc = 1;
	} else if (argc == 3 && strcmp(argv[1], "time") == 0) {
		rc = time_load(argv[2]) < 0;
	} else if (argc == 3 && (strcmp(argv[1], "requests") == 0 ||
	    strcmp(argv[1], "responses") == 0)) {
		rc = dump_messages(argv[2], argv[1][2] == 'q') < 0;
	} else {
		fprintf(stderr, "usage: model-dump services | names SERVICE... "
		    "| time SERVICE | requests SERVICE | responses SERVICE\n");
		return 2;
	}
	aws_model_cache_clear();
	return rc;
}
