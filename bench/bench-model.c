/*
 * bench-model.c: how long models take to load and how fast the protocols
 * serialize, parse and (for the sandbox) route and decode.
 *
 *   bench/bench-model [ROUNDS]
 *
 * Prints one line per measurement: the median and the worst of ROUNDS
 * (default 15) cold loads of s3, iam and ec2 (the cache cleared between
 * rounds), then requests per second for a few operations. The target
 * (issue 4): the s3 model loads once, in well under 100 ms.
 */
#include "hs-common.h"
#include "protocol-int.h"

#include <time.h>

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int
bench_load(const char *name, int rounds)
{
	double *ms = hs_xcalloc((size_t)rounds, sizeof(double));
	char *cause = NULL;
	int i;

	for (i = 0; i < rounds; i++) {
		double t0;

		aws_model_cache_clear();
		t0 = now_ms();
		if (aws_model_get(name, &cause) == NULL) {
			fprintf(stderr, "bench-model: %s\n", cause);
			free(cause);
			free(ms);
			return -1;
		}
		ms[i] = now_ms() - t0;
	}
	qsort(ms, (size_t)rounds, sizeof(double), cmp_double);
	printf("load %-8s median %6.1f ms  worst %6.1f ms\n", name,
	    ms[rounds / 2], ms[rounds - 1]);
	free(ms);
	return 0;
}

/* Serialize, then route and decode, an input n times. */
static int
bench_roundtrip(const char *service, const char *op_name, const char *input,
    int n)
{
	char *cause = NULL;
	const struct aws_service *svc = aws_model_get(service, &cause);
	const struct aws_operation *op = svc ? aws_model_find_operation(svc,
	    op_name) : NULL;
	cJSON *in = cJSON_Parse(input), *back = NULL;
	double t0, ser = 0, dec = 0;
	int i;

	if (op == NULL || in == NULL) {
		fprintf(stderr, "bench-model: %s %s\n", service, op_name);
		free(cause);
		cJSON_Delete(in);
		return -1;
	}
	for (i = 0; i < n; i++) {
		struct aws_request req = AWS_REQUEST_INIT;

		aws_request_set_endpoint(&req, "https://h.example.com", &cause);
		t0 = now_ms();
		if (aws_protocol_serialize(op, in, 0, &req, &cause) < 0)
			BUG("serialize: %s", cause);
		ser += now_ms() - t0;
		t0 = now_ms();
		if (aws_protocol_find_operation(svc, &req, &cause) != op ||
		    aws_protocol_decode_request(op, &req, &back, &cause) < 0)
			BUG("decode: %s", cause ? cause : "wrong operation");
		dec += now_ms() - t0;
		cJSON_Delete(back);
		aws_request_clear(&req);
	}
	printf("%-6s %-22s serialize %8.0f/s  route+decode %8.0f/s\n", service,
	    op_name, n / ser * 1e3, n / dec * 1e3);
	cJSON_Delete(in);
	return 0;
}

int
main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 15;
	int rc = 0;

	if (rounds < 1)
		rounds = 1;
	rc |= bench_load("s3", rounds);
	rc |= bench_load("iam", rounds);
	rc |= bench_load("ec2", rounds > 5 ? 5 : rounds);
	rc |= bench_roundtrip("s3", "PutObject", "{\"Bucket\": \"b\", \"Key\": "
	    "\"a/b.txt\", \"Body\": \"aGVsbG8=\", \"ServerSideEncryption\": "
	    "\"AES256\", \"Metadata\": {\"owner\": \"x\"}}", 20000);
	rc |= bench_roundtrip("s3", "ListObjectsV2", "{\"Bucket\": \"b\", "
	    "\"Prefix\": \"p/\", \"MaxKeys\": 10}", 20000);
	rc |= bench_roundtrip("iam", "CreateRole", "{\"RoleName\": \"r\", "
	    "\"AssumeRolePolicyDocument\": \"{}\", \"Tags\": [{\"Key\": \"k\", "
	    "\"Value\": \"v\"}]}", 20000);
	rc |= bench_roundtrip("logs", "PutLogEvents", "{\"logGroupName\": \"g\","
	    " \"logStreamName\": \"s\", \"logEvents\": [{\"timestamp\": "
	    "1700000000000, \"message\": \"m\"}]}", 20000);
	aws_model_cache_clear();
	return rc ? 1 : 0;
}
