/*
 * test-request.c: aws_request, aws_response, name/value lists, URI coding.
 */
#include "hs-common.h"
#include "harness.h"
#include "credentials.h"
#include "request.h"

static void
test_kvlist(void)
{
	struct aws_kvlist l = AWS_KVLIST_INIT;

	aws_kvlist_add(&l, "X-Amz-Date", "1");
	aws_kvlist_add(&l, "x-amz-date", "2");
	aws_kvlist_add(&l, "Host", "h");
	HS_ASSERT_STR_EQ(aws_kvlist_get(&l, "X-AMZ-DATE"), "1");
	CU_ASSERT_PTR_NULL(aws_kvlist_get_exact(&l, "X-AMZ-DATE"));
	aws_kvlist_set(&l, "X-Amz-Date", "3");
	CU_ASSERT_EQUAL(l.n, 2);
	HS_ASSERT_STR_EQ(aws_kvlist_get(&l, "x-amz-date"), "3");
	HS_ASSERT_STR_EQ(l.items[0].name, "Host");
	aws_kvlist_del(&l, "host");
	CU_ASSERT_EQUAL(l.n, 1);
	CU_ASSERT_PTR_NULL(aws_kvlist_get(&l, "Host"));
	aws_kvlist_cleanse(&l);
	CU_ASSERT_EQUAL(l.n, 0);
}

static void
test_endpoint_and_url(void)
{
	struct aws_request r = AWS_REQUEST_INIT;
	char *cause = NULL, *url;

	CU_ASSERT_EQUAL(aws_request_set_endpoint(&r,
	    "http://127.0.0.1:4566", &cause), 0);
	HS_ASSERT_STR_EQ(r.scheme, "http");
	HS_ASSERT_STR_EQ(r.host, "127.0.0.1");
	CU_ASSERT_EQUAL(r.port, 4566);
	aws_request_set_path(&r, "/phi-demo/data/a%20b.phi");
	aws_kvlist_add(&r.query, "uploads", NULL);
	aws_kvlist_add(&r.query, "prefix", "data/ x&y");
	url = aws_request_url(&r);
	HS_ASSERT_STR_EQ(url, "http://127.0.0.1:4566/phi-demo/data/a%20b.phi"
	    "?uploads&prefix=data%2F%20x%26y");
	free(url);
	aws_request_clear(&r);

	CU_ASSERT_EQUAL(aws_request_set_endpoint(&r,
	    "https://[::1]:8443/base", &cause), 0);
	HS_ASSERT_STR_EQ(r.host, "[::1]");
	CU_ASSERT_EQUAL(r.port, 8443);
	HS_ASSERT_STR_EQ(r.path, "/base");
	aws_request_clear(&r);

	CU_ASSERT_EQUAL(aws_request_set_endpoint(&r, "ftp://x", &cause), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "https://"));
	free(cause);
	CU_ASSERT_EQUAL(aws_request_set_endpoint(&r, "htt://x", &cause), -1);
	free(cause);
	CU_ASSERT_EQUAL(aws_request_set_endpoint(&r, "http://h:99999", &cause),
	    -1);
	free(cause);
	CU_ASSERT_EQUAL(aws_request_set_endpoint(&r, "http://:80", &cause), -1);
	free(cause);
	aws_request_clear(&r);
}

static void
test_body(void)
{
	struct aws_request r = AWS_REQUEST_INIT;

	aws_request_set_body(&r, "abc", 3);
	CU_ASSERT_EQUAL(r.body_kind, AWS_BODY_MEMORY);
	CU_ASSERT_EQUAL(r.body.len, 3);
	aws_request_set_body_file(&r, "/tmp/x", 5, -1);
	CU_ASSERT_EQUAL(r.body_kind, AWS_BODY_FILE);
	CU_ASSERT_EQUAL(r.body.len, 0);
	CU_ASSERT_EQUAL(r.body_file_offset, 5);
	aws_request_clear(&r);
	CU_ASSERT_EQUAL(r.body_kind, AWS_BODY_NONE);
}

static void
test_uri_coding(void)
{
	struct hs_buf b = HS_BUF_INIT;
	const char raw[] = "a b/ü~-._*";

	aws_uri_encode(&b, raw, strlen(raw), true);
	HS_ASSERT_STR_EQ(b.buf, "a%20b/%C3%BC~-._%2A");
	hs_buf_reset(&b);
	aws_uri_encode(&b, raw, strlen(raw), false);
	HS_ASSERT_STR_EQ(b.buf, "a%20b%2F%C3%BC~-._%2A");
	hs_buf_reset(&b);
	CU_ASSERT_EQUAL(aws_uri_decode(&b, "a%20b%2f+c", 10, true), 0);
	HS_ASSERT_STR_EQ(b.buf, "a b/ c");
	hs_buf_reset(&b);
	CU_ASSERT_EQUAL(aws_uri_decode(&b, "a+b", 3, false), 0);
	HS_ASSERT_STR_EQ(b.buf, "a+b");
	hs_buf_reset(&b);
	CU_ASSERT_EQUAL(aws_uri_decode(&b, "%4", 2, false), -1);
	CU_ASSERT_EQUAL(aws_uri_decode(&b, "%zz", 3, false), -1);
	hs_buf_release(&b);
}

static void
test_credentials_refs(void)
{
	struct aws_credentials *c;

	c = aws_credentials_new("AKID", "secret", "", 0, "env");
	CU_ASSERT_PTR_NULL(c->session_token);
	CU_ASSERT_FALSE(aws_credentials_expiring(c, 1000, 300));
	aws_credentials_acquire(c);
	CU_ASSERT_EQUAL(c->refs, 2);
	aws_credentials_release(c);
	CU_ASSERT_EQUAL(c->refs, 1);
	c->expiration = 1200;
	CU_ASSERT_TRUE(aws_credentials_expiring(c, 1000, 300));
	CU_ASSERT_FALSE(aws_credentials_expiring(c, 800, 300));
	aws_credentials_release(c);
}

static const struct hs_unit_case request_cases[] = {
	{ "kvlist", test_kvlist },
	{ "endpoint_and_url", test_endpoint_and_url },
	{ "body", test_body },
	{ "uri_coding", test_uri_coding },
	{ "credentials_refs", test_credentials_refs },
};

void
hs_unit_register(void)
{
	hs_unit_add_table("request", request_cases,
	    HS_ARRAY_SIZE(request_cases));
}
