/*
 * test-sandbox.c: the sandbox's pieces that need no client: the service
 * and operation tables, S3 routing (path and virtual-hosted style,
 * sub-resources), bucket-name rules, byte ranges, aws-chunked bodies,
 * S3 error documents, the embedding API (start on an ephemeral port,
 * stop, the temporary data folder removed, one sandbox per folder), and
 * the pool that runs handlers (a job never waits for a thread).
 */
#include "hs-common.h"
#include "harness.h"
#include "sandbox/sandbox.h"
#include "sandbox/s3.h"
#include "aws/sigv4-int.h"

#include <sys/stat.h>
#include <unistd.h>

static void
test_op_tables_sorted(void)
{
	size_t i, j;

	for (i = 0; i < sbx_n_services; i++) {
		const struct sbx_service *s = &sbx_services[i];
		for (j = 1; j < *s->n_ops; j++)
			CU_ASSERT(strcmp(s->ops[j - 1].name, s->ops[j].name) < 0);
		for (j = 0; j < *s->n_ops; j++)
			CU_ASSERT_PTR_EQUAL(sbx_op_find(s, s->ops[j].name),
			    &s->ops[j]);
	}
	CU_ASSERT_PTR_NULL(sbx_op_find(sbx_service_find("s3"), "PutBucketAcl"));
	CU_ASSERT_PTR_NULL(sbx_service_find("sqs"));
}

static const struct { const char *name; bool ok; } bucket_names[] = {
	{ "abc", true }, { "my-bucket.v2", true }, { "123", true },
	{ "ab", false }, { "Abc", false }, { "a_b", false }, { "-ab", false },
	{ "ab-", false }, { "a..b", false }, { "a.-b", false },
	{ "a-.b", false }, { "10.0.0.1", false }, { "xn--abc", false },
	{ "sthree-x", false }, { "abc-s3alias", false }, { "abc--ol-s3", false },
	{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", true },
	{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false },
};

static void
test_bucket_names(void)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(bucket_names); i++) {
		if (sbx_s3_bucket_name_valid(bucket_names[i].name) !=
		    bucket_names[i].ok)
			printf("# bucket name '%s'\n", bucket_names[i].name);
		CU_ASSERT_EQUAL(sbx_s3_bucket_name_valid(bucket_names[i].name),
		    bucket_names[i].ok);
	}
}

static void
test_host_bucket(void)
{
	char *b;

	b = s3_host_bucket("phi.localhost:4566");
	HS_ASSERT_STR_EQ(b, "phi");
	free(b);
	b = s3_host_bucket("my.bucket.s3.localhost");
	HS_ASSERT_STR_EQ(b, "my.bucket");
	free(b);
	CU_ASSERT_PTR_NULL(s3_host_bucket("localhost:4566"));
	CU_ASSERT_PTR_NULL(s3_host_bucket("127.0.0.1:4566"));
	CU_ASSERT_PTR_NULL(s3_host_bucket("example.com"));
}

/* A route case: method, Host, path, query ("a=1&b"), header, operation. */
static const struct {
	const char *method, *host, *path, *query, *header, *op;
} routes[] = {
	{ "GET", "127.0.0.1", "/", "", NULL, "ListBuckets" },
	{ "PUT", "127.0.0.1", "/b", "", NULL, "CreateBucket" },
	{ "HEAD", "127.0.0.1", "/b", "", NULL, "HeadBucket" },
	{ "GET", "127.0.0.1", "/b", "list-type=2", NULL, "ListObjectsV2" },
	{ "GET", "127.0.0.1", "/b/", "", NULL, "ListObjects" },
	{ "GET", "127.0.0.1", "/b", "location", NULL, "GetBucketLocation" },
	{ "PUT", "127.0.0.1", "/b", "policy", NULL, "PutBucketPolicy" },
	{ "DELETE", "127.0.0.1", "/b", "encryption", NULL, "DeleteBucketEncryption" },
	{ "GET", "127.0.0.1", "/b", "publicAccessBlock", NULL, "GetPublicAccessBlock" },
	{ "PUT", "127.0.0.1", "/b", "versioning", NULL, "PutBucketVersioning" },
	{ "GET", "127.0.0.1", "/b", "uploads", NULL, "ListMultipartUploads" },
	{ "POST", "127.0.0.1", "/b", "delete", NULL, "DeleteObjects" },
	{ "DELETE", "127.0.0.1", "/b", "", NULL, "DeleteBucket" },
	{ "PUT", "127.0.0.1", "/b/k/x%20y", "", NULL, "PutObject" },
	{ "PUT", "127.0.0.1", "/b/k", "x-id=PutObject", NULL, "PutObject" },
	{ "PUT", "127.0.0.1", "/b/k", "", "x-amz-copy-source", "CopyObject" },
	{ "GET", "127.0.0.1", "/b/k", "", NULL, "GetObject" },
	{ "HEAD", "127.0.0.1", "/b/k", "", NULL, "HeadObject" },
	{ "DELETE", "127.0.0.1", "/b/k", "", NULL, "DeleteObject" },
	{ "POST", "127.0.0.1", "/b/k", "uploads", NULL, "CreateMultipartUpload" },
	{ "PUT", "127.0.0.1", "/b/k", "partNumber=1&uploadId=u", NULL, "UploadPart" },
	{ "POST", "127.0.0.1", "/b/k", "uploadId=u", NULL, "CompleteMultipartUpload" },
	{ "DELETE", "127.0.0.1", "/b/k", "uploadId=u", NULL, "AbortMultipartUpload" },
	{ "GET", "127.0.0.1", "/b/k", "uploadId=u", NULL, "ListParts" },
	{ "GET", "b.localhost:1", "/", "list-type=2", NULL, "ListObjectsV2" },
	{ "PUT", "b.localhost:1", "/k", "", NULL, "PutObject" },
	/* S3 features the sandbox does not serve */
	{ "GET", "127.0.0.1", "/b", "acl", NULL, NULL },
	{ "PUT", "127.0.0.1", "/b/k", "tagging", NULL, NULL },
	{ "PUT", "127.0.0.1", "/b/k", "partNumber=1&uploadId=u", "x-amz-copy-source", NULL },
	{ "POST", "127.0.0.1", "/", "", NULL, NULL },
};

/* Route one case; the operation name, or NULL (error). */
static char *
route(size_t i, char **bucket, char **key)
{
	struct sbx_call *c = sbx_call_new(NULL, routes[i].path);
	char *q = hs_xstrdup(routes[i].query), *save = NULL, *t, *op = NULL;

	c->svc = sbx_service_find("s3");
	c->req.method = hs_xstrdup(routes[i].method);
	c->req.host = hs_xstrdup(routes[i].host);
	c->req.path = hs_xstrdup(routes[i].path);
	for (t = strtok_r(q, "&", &save); t; t = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(t, '=');
		if (eq)
			*eq++ = '\0';
		aws_kvlist_add(&c->req.query, t, eq);
	}
	if (routes[i].header)
		aws_kvlist_add(&c->req.headers, routes[i].header, "/b/other");
	if (sbx_s3_resolve(c) == 0)
		op = hs_xstrdup(c->op->name);
	else if (c->status != 501 && c->status != 405)
		printf("# unexpected status %d\n", c->status);
	*bucket = c->bucket ? hs_xstrdup(c->bucket) : NULL;
	*key = c->key ? hs_xstrdup(c->key) : NULL;
	free(q);
	sbx_call_free(c);
	return op;
}

static void
test_s3_routes(void)
{
	char *op, *bucket, *key;
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(routes); i++) {
		op = route(i, &bucket, &key);
		if ((op == NULL) != (routes[i].op == NULL) ||
		    (op && strcmp(op, routes[i].op) != 0))
			printf("# %s %s?%s: got %s, want %s\n", routes[i].method,
			    routes[i].path, routes[i].query, op ? op : "error",
			    routes[i].op ? routes[i].op : "error");
		if (routes[i].op != NULL)
			HS_ASSERT_STR_EQ(op, routes[i].op);
		else
			CU_ASSERT_PTR_NULL(op);
		free(op);
		free(bucket);
		free(key);
	}
	op = route(13, &bucket, &key);
	HS_ASSERT_STR_EQ(bucket, "b");
	HS_ASSERT_STR_EQ(key, "k/x y");
	free(op);
	free(bucket);
	free(key);
}

static const struct {
	const char *range;
	uint64_t size, first, last;
	int ok;		/* 1 parsed, 0 ignored, -1 unsatisfiable */
} ranges[] = {
	{ "bytes=0-4", 13, 0, 4, 1 },
	{ "bytes=5-", 13, 5, 12, 1 },
	{ "bytes=-3", 13, 10, 12, 1 },
	{ "bytes=-30", 13, 0, 12, 1 },
	{ "bytes=2-100", 13, 2, 12, 1 },
	{ "bytes=13-", 13, 0, 0, -1 },
	{ "bytes=100-200", 13, 0, 0, -1 },
	{ "bytes=-0", 13, 0, 0, -1 },
	{ "bytes=5-2", 13, 0, 0, 0 },
	{ "bytes=0-1,3-4", 13, 0, 0, 0 },
	{ "items=0-1", 13, 0, 0, 0 },
	{ "bytes=x-1", 13, 0, 0, 0 },
};

static void
test_ranges(void)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(ranges); i++) {
		uint64_t first = 99, last = 99;
		bool unsat = false;
		bool ok = s3_parse_range(ranges[i].range, ranges[i].size,
		    &first, &last, &unsat);
		int got = ok ? 1 : unsat ? -1 : 0;
		if (got != ranges[i].ok)
			printf("# range %s: %d\n", ranges[i].range, got);
		CU_ASSERT_EQUAL(got, ranges[i].ok);
		if (ok) {
			CU_ASSERT_EQUAL(first, ranges[i].first);
			CU_ASSERT_EQUAL(last, ranges[i].last);
		}
	}
}

static void
test_s3_error_document(void)
{
	struct sbx_call *c = sbx_call_new(NULL, "/");

	c->svc = sbx_service_find("s3");
	sbx_fail(c, 404, "NoSuchKey", "The specified key does not exist.");
	sbx_fail_field(c, "Key", "a<b>&\"c\"");
	sbx_error_encode(c);
	CU_ASSERT_EQUAL(c->status, 404);
	CU_ASSERT_PTR_NOT_NULL(strstr(c->body.buf, "<?xml version=\"1.0\" "
	    "encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code><Message>The "
	    "specified key does not exist.</Message><Key>a&lt;b&gt;&amp;"
	    "\"c\"</Key><RequestId>"));	/* '"' needs no escape in text */
	CU_ASSERT_PTR_NOT_NULL(strstr(c->body.buf, c->request_id));
	CU_ASSERT_PTR_NOT_NULL(strstr(c->body.buf, c->host_id));
	CU_ASSERT_EQUAL(strlen(c->request_id), 16);
	HS_ASSERT_STR_EQ(aws_kvlist_get(&c->headers, "Content-Type"),
	    "application/xml");
	sbx_call_free(c);
}

/* A verify result holding an unsigned-trailer decoder, as auth.c gets. */
static void
chunked_result(struct sigv4_verify_result *res, uint64_t len)
{
	static const unsigned char key[32];

	res->chunked = sigv4_chunked_new(SIGV4_CHUNKED_UNSIGNED_TRAILER, key,
	    "20130524T000000Z", "20130524/us-east-1/s3/aws4_request", NULL,
	    len, "x-amz-checksum-crc32");
}

static void
test_aws_chunked_body(void)
{
	static const char enc[] = "5\r\nhello\r\n6\r\n world\r\n0\r\n"
	    "x-amz-checksum-crc32:DUoRhQ==\r\n\r\n";
	struct sigv4_verify_result res = SIGV4_VERIFY_RESULT_INIT;
	struct sbx_call *c = sbx_call_new(NULL, "/");
	char buf[32];

	chunked_result(&res, 11);
	CU_ASSERT_EQUAL(sbx_body_append(c, enc, sizeof enc - 1), 0);
	CU_ASSERT_EQUAL(sbx_body_dechunk(c, &res), 0);
	CU_ASSERT_EQUAL(c->body_len, 11);
	CU_ASSERT_EQUAL(sbx_body_read_at(c, 0, buf, sizeof buf), 11);
	CU_ASSERT_EQUAL(memcmp(buf, "hello world", 11), 0);
	HS_ASSERT_STR_EQ(aws_kvlist_get(sigv4_chunked_trailers(&res),
	    "x-amz-checksum-crc32"), "DUoRhQ==");
	sigv4_verify_result_clear(&res);
	sbx_body_release(c);
	chunked_result(&res, 11);
	CU_ASSERT_EQUAL(sbx_body_append(c, "5\r\nhel", 6), 0);
	CU_ASSERT_EQUAL(sbx_body_dechunk(c, &res), -1);	/* truncated */
	CU_ASSERT_EQUAL(res.status, SIGV4_ERR_BODY_INCOMPLETE);
	sigv4_verify_result_clear(&res);
	sbx_body_release(c);
	sbx_call_free(c);
}

static void
test_aws_chunked_spilled(void)
{
	struct sigv4_verify_result res = SIGV4_VERIFY_RESULT_INIT;
	struct sandbox_config cfg = SANDBOX_CONFIG_INIT;
	struct sandbox *sb = NULL;
	struct sbx_call *c;
	static const char trailer[] = "0\r\nx-amz-checksum-crc32:x\r\n\r\n";
	char *cause = NULL, *chunk = hs_xmalloc(1 << 20), head[16], last[4];
	uint64_t pos;
	int i;

	/* Past 1 MiB the encoded body is in a file, and so is the result. */
	cfg.port = 0;
	CU_ASSERT_EQUAL_FATAL(sandbox_start(&cfg, &sb, &cause), 0);
	c = sbx_call_new(sb, "/");
	chunked_result(&res, (uint64_t)3 << 20);
	for (i = 0; i < 3; i++) {
		memset(chunk, 'a' + i, 1 << 20);
		CU_ASSERT_EQUAL(sbx_body_append(c, "100000\r\n", 8), 0);
		CU_ASSERT_EQUAL(sbx_body_append(c, chunk, 1 << 20), 0);
		CU_ASSERT_EQUAL(sbx_body_append(c, "\r\n", 2), 0);
	}
	CU_ASSERT_EQUAL(sbx_body_append(c, trailer, strlen(trailer)), 0);
	CU_ASSERT_EQUAL(c->req.body_kind, AWS_BODY_FILE);
	CU_ASSERT_EQUAL(sbx_body_dechunk(c, &res), 0);
	CU_ASSERT_EQUAL(c->req.body_kind, AWS_BODY_FILE);
	CU_ASSERT_EQUAL(c->body_len, (uint64_t)3 << 20);
	for (pos = 0, i = 0; i < 3; i++, pos += 1 << 20) {
		CU_ASSERT_EQUAL(sbx_body_read_at(c, pos, head, 1), 1);
		CU_ASSERT_EQUAL(sbx_body_read_at(c, pos + (1 << 20) - 1, last,
		    1), 1);
		CU_ASSERT(head[0] == 'a' + i && last[0] == 'a' + i);
	}
	sigv4_verify_result_clear(&res);
	sbx_body_release(c);
	sbx_call_free(c);
	sandbox_stop(sb);
	free(chunk);
}

static void
test_embed_start_stop(void)
{
	struct sandbox_config cfg = SANDBOX_CONFIG_INIT;
	struct sandbox *sb = NULL, *second = NULL;
	struct sandbox_config cfg2 = SANDBOX_CONFIG_INIT;
	char *cause = NULL, *dir;
	struct stat st;

	cfg.port = 0;
	setenv("TMPDIR", hs_unit_tmpdir(), 1);
	CU_ASSERT_EQUAL_FATAL(sandbox_start(&cfg, &sb, &cause), 0);
	CU_ASSERT(hs_starts_with(sandbox_url(sb), "http://127.0.0.1:"));
	CU_ASSERT(strcmp(sandbox_url(sb), "http://127.0.0.1:0") != 0);
	HS_ASSERT_STR_EQ(sandbox_account_id(sb), "000000000000");
	dir = hs_xstrdup(sandbox_data_dir(sb));
	CU_ASSERT_EQUAL(stat(dir, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 0777, 0700);
	cfg2.port = 0;
	cfg2.data_dir = dir;
	CU_ASSERT_EQUAL(sandbox_start(&cfg2, &second, &cause), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "in use by another sandbox"));
	free(cause);
	sandbox_stop(sb);
	CU_ASSERT_NOT_EQUAL(stat(dir, &st), 0);	/* removed at stop */
	free(dir);
}

static void
test_embed_bad_config(void)
{
	struct sandbox_config cfg = SANDBOX_CONFIG_INIT;
	struct sandbox *sb = NULL;
	char *cause = NULL;

	cfg.port = 0;
	cfg.account_id = "12345";
	CU_ASSERT_EQUAL(sandbox_start(&cfg, &sb, &cause), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "12 digits"));
	free(cause);
	cause = NULL;
	cfg.account_id = NULL;
	cfg.credentials_file = "/nonexistent/creds.json";
	CU_ASSERT_EQUAL(sandbox_start(&cfg, &sb, &cause), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "/nonexistent/creds.json"));
	free(cause);
}

/* Jobs of the pool tests: each waits (20 s at most) for all to start. */
struct pool_meet {
	pthread_mutex_t lock;
	pthread_cond_t cv;
	int n, started, met;
};

static void
pool_meet_job(void *arg)
{
	struct pool_meet *m = arg;
	struct timespec until;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 20;
	pthread_mutex_lock(&m->lock);
	m->started++;
	pthread_cond_broadcast(&m->cv);
	while (m->started < m->n &&
	    pthread_cond_timedwait(&m->cv, &m->lock, &until) == 0)
		;
	if (m->started == m->n)
		m->met++;
	pthread_mutex_unlock(&m->lock);
}

/* Sixteen jobs that wait for one another, in a pool that keeps two
 * threads: each gets a thread (a fixed pool of two would deadlock). */
static void
test_pool_jobs_wait_on_each_other(void)
{
	struct sbx_pool *p = sbx_pool_new(2);
	struct pool_meet m = { PTHREAD_MUTEX_INITIALIZER,
	    PTHREAD_COND_INITIALIZER, 16, 0, 0 };
	int i;

	CU_ASSERT_FALSE(sbx_pool_reserve(p));	/* closed until opened */
	sbx_pool_open(p);
	for (i = 0; i < m.n; i++) {
		CU_ASSERT_TRUE_FATAL(sbx_pool_reserve(p));
		sbx_pool_run(p, pool_meet_job, &m);
	}
	sbx_pool_stop(p);
	CU_ASSERT_EQUAL(m.met, 16);
	CU_ASSERT_FALSE(sbx_pool_reserve(p));	/* stopped */
	sbx_pool_free(p);
}

static void
pool_slow_job(void *arg)
{
	usleep(200000);
	*(int *)arg += 1;
}

/* Stopping waits for the jobs in progress; idle threads are reused. */
static void
test_pool_stop_waits(void)
{
	struct sbx_pool *p = sbx_pool_new(1);
	int done = 0, i;

	sbx_pool_open(p);
	for (i = 0; i < 3; i++) {
		CU_ASSERT_TRUE_FATAL(sbx_pool_reserve(p));
		sbx_pool_run(p, pool_slow_job, &done);
		usleep(300000);
	}
	CU_ASSERT_TRUE_FATAL(sbx_pool_reserve(p));
	sbx_pool_run(p, pool_slow_job, &done);
	sbx_pool_free(p);
	CU_ASSERT_EQUAL(done, 4);
}

static const struct hs_unit_case sandbox_cases[] = {
	{ "op-tables-sorted", test_op_tables_sorted },
	{ "bucket-names", test_bucket_names },
	{ "host-bucket", test_host_bucket },
	{ "s3-routes", test_s3_routes },
	{ "ranges", test_ranges },
	{ "s3-error-document", test_s3_error_document },
	{ "aws-chunked-body", test_aws_chunked_body },
	{ "aws-chunked-spilled", test_aws_chunked_spilled },
	{ "embed-start-stop", test_embed_start_stop },
	{ "embed-bad-config", test_embed_bad_config },
	{ "pool-jobs-wait-on-each-other", test_pool_jobs_wait_on_each_other },
	{ "pool-stop-waits", test_pool_stop_waits },
};

void
hs_unit_register(void)
{
	hs_unit_add_table("sandbox", sandbox_cases,
	    HS_ARRAY_SIZE(sandbox_cases));
}
