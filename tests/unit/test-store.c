/*
 * test-store.c: the sandbox's store: SQLite records of buckets, objects,
 * uploads, parts and STS sessions, and the blob files with their
 * AES-256-GCM encryption (chunks, ranges, tampering, the key file).
 */
#include "hs-common.h"
#include "harness.h"
#include "sandbox/sbx.h"
#include "sandbox/store.h"

#include <sys/stat.h>
#include <unistd.h>

/* A sandbox with just what the store and blobs need. */
static struct sandbox *
fake_sandbox(void)
{
	struct sandbox *sb = hs_xcalloc(1, sizeof *sb);
	char *cause = NULL;

	sb->data_dir = hs_xasprintf("%s/data", hs_unit_tmpdir());
	sb->account_id = hs_xstrdup("000000000000");
	pthread_mutex_init(&sb->seq_lock, NULL);
	CU_ASSERT_EQUAL_FATAL(sbx_mkdirs(sb->data_dir, 0700, &cause), 0);
	{
		char *tmp = hs_xasprintf("%s/tmp", sb->data_dir);
		CU_ASSERT_EQUAL(sbx_mkdirs(tmp, 0700, &cause), 0);
		free(tmp);
	}
	CU_ASSERT_EQUAL_FATAL(sbx_sse_key_load(sb, &cause), 0);
	CU_ASSERT_EQUAL_FATAL(sbx_store_open(sb, &cause), 0);
	return sb;
}

static void
fake_free(struct sandbox *sb)
{
	sbx_store_close(sb->store);
	sbx_rmtree(sb->data_dir);
	free(sb->data_dir);
	free(sb->account_id);
	pthread_mutex_destroy(&sb->seq_lock);
	free(sb);
}

/* Write a blob from a buffer. */
static void
put_blob(struct sandbox *sb, bool enc, const void *data, size_t len,
    char id[33], unsigned char md5[16])
{
	struct sbx_blob_writer *w = NULL;
	char *cause = NULL;
	uint64_t size = 0;

	CU_ASSERT_EQUAL_FATAL(sbx_blob_create(sb, enc, &w, &cause), 0);
	CU_ASSERT_EQUAL_FATAL(sbx_blob_write(w, data, len, &cause), 0);
	CU_ASSERT_EQUAL_FATAL(sbx_blob_commit(w, id, md5, &size, &cause), 0);
	CU_ASSERT_EQUAL(size, len);
}

/* Read a whole blob with reads of step bytes. */
static unsigned char *
read_blob(struct sandbox *sb, const char *id, bool enc, size_t len,
    size_t step)
{
	struct sbx_blob_reader *r = NULL;
	unsigned char *out = hs_xmalloc(len + 1);
	char *cause = NULL;
	size_t pos = 0;

	CU_ASSERT_EQUAL_FATAL(sbx_blob_open(sb, id, enc, len, &r, &cause), 0);
	while (pos < len) {
		ssize_t n = sbx_blob_read_at(r, pos, out + pos,
		    len - pos < step ? len - pos : step);
		CU_ASSERT_FATAL(n > 0);
		pos += (size_t)n;
	}
	CU_ASSERT_EQUAL(sbx_blob_read_at(r, len, out, 1), 0);
	sbx_blob_close(r);
	return out;
}

static void
test_blob_encrypted_roundtrip(void)
{
	struct sandbox *sb = fake_sandbox();
	size_t len = 3 * 65536 + 123, i;
	unsigned char *data = hs_xmalloc(len), *back, md5[16];
	char id[33], *path, *disk;
	size_t disk_len = 0;
	char *cause = NULL;

	for (i = 0; i < len; i++)
		data[i] = (unsigned char)(i * 7 + i / 65536);
	memcpy(data + 1000, "PLAINTEXT-MARKER", 16);
	put_blob(sb, true, data, len, id, md5);
	CU_ASSERT_EQUAL(strlen(id), 32);
	back = read_blob(sb, id, true, len, 70000);
	CU_ASSERT_EQUAL(memcmp(back, data, len), 0);
	free(back);
	back = read_blob(sb, id, true, len, 4097);
	CU_ASSERT_EQUAL(memcmp(back, data, len), 0);
	free(back);
	path = sbx_blob_path(sb, id);
	disk = sbx_read_file(path, &disk_len, 1 << 24, &cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(disk);
	CU_ASSERT_EQUAL(disk_len, 20 + len + 4 * 16);
	CU_ASSERT_PTR_NULL(memmem(disk, disk_len, "PLAINTEXT-MARKER", 16));
	free(disk);
	free(path);
	free(data);
	fake_free(sb);
}

static void
test_blob_tampering_is_detected(void)
{
	struct sandbox *sb = fake_sandbox();
	struct sbx_blob_reader *r = NULL;
	unsigned char data[100] = "hello", md5[16], buf[100];
	char id[33], *path, *cause = NULL;
	FILE *f;

	put_blob(sb, true, data, sizeof data, id, md5);
	path = sbx_blob_path(sb, id);
	f = fopen(path, "r+b");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fseek(f, 30, SEEK_SET);
	fputc(0x55 ^ data[10], f);
	fclose(f);
	CU_ASSERT_EQUAL_FATAL(sbx_blob_open(sb, id, true, sizeof data, &r,
	    &cause), 0);
	CU_ASSERT_EQUAL(sbx_blob_read_at(r, 0, buf, sizeof buf), -1);
	sbx_blob_close(r);
	/* a wrong size (truncation) is refused at open */
	CU_ASSERT_EQUAL(sbx_blob_open(sb, id, true, 99, &r, &cause), -1);
	CU_ASSERT_PTR_NOT_NULL(cause);
	free(cause);
	free(path);
	fake_free(sb);
}

static void
test_blob_plain_md5_and_remove(void)
{
	struct sandbox *sb = fake_sandbox();
	static const unsigned char want[16] = { 0x5d, 0x41, 0x40, 0x2a, 0xbc,
	    0x4b, 0x2a, 0x76, 0xb9, 0x71, 0x9d, 0x91, 0x10, 0x17, 0xc5, 0x92 };
	unsigned char md5[16];
	char id[33], *path;

	put_blob(sb, false, "hello", 5, id, md5);
	CU_ASSERT_EQUAL(memcmp(md5, want, 16), 0);
	path = sbx_blob_path(sb, id);
	CU_ASSERT_EQUAL(access(path, F_OK), 0);
	sbx_blob_remove(sb, id);
	CU_ASSERT_NOT_EQUAL(access(path, F_OK), 0);
	free(path);
	fake_free(sb);
}

static void
test_sse_key_file(void)
{
	struct sandbox *sb = fake_sandbox();
	unsigned char first[32];
	char *path = hs_xasprintf("%s/sse.key", sb->data_dir), *cause = NULL;
	struct stat st;

	CU_ASSERT_EQUAL(stat(path, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
	memcpy(first, sb->sse_key, 32);
	memset(sb->sse_key, 0, 32);
	CU_ASSERT_EQUAL(sbx_sse_key_load(sb, &cause), 0);
	CU_ASSERT_EQUAL(memcmp(first, sb->sse_key, 32), 0);
	chmod(path, 0644);
	CU_ASSERT_EQUAL(sbx_sse_key_load(sb, &cause), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "chmod 600"));
	free(cause);
	free(path);
	fake_free(sb);
}

static void
test_store_buckets(void)
{
	struct sandbox *sb = fake_sandbox();
	struct sbx_bucket b = { 0 }, got = { 0 }, *v = NULL;
	char *owner = NULL, *cause = NULL, *old = NULL;
	struct sbx_object o = { 0 };
	size_t n = 0, i;

	b.name = "b2";
	b.owner = "000000000000";
	b.created_ms = 1000;
	CU_ASSERT_EQUAL(sbx_s3_bucket_create(sb->store, &b, &owner, &cause), 0);
	b.name = "b1";
	CU_ASSERT_EQUAL(sbx_s3_bucket_create(sb->store, &b, &owner, &cause), 0);
	CU_ASSERT_EQUAL(sbx_s3_bucket_create(sb->store, &b, &owner, &cause), 1);
	HS_ASSERT_STR_EQ(owner, "000000000000");
	free(owner);
	CU_ASSERT_EQUAL(sbx_s3_bucket_list(sb->store, "000000000000", &v, &n,
	    &cause), 0);
	CU_ASSERT_EQUAL_FATAL(n, 2);
	HS_ASSERT_STR_EQ(v[0].name, "b1");
	for (i = 0; i < n; i++)
		sbx_bucket_clear(&v[i]);
	free(v);
	CU_ASSERT_EQUAL(sbx_s3_bucket_set(sb->store, "b1", "policy", "{}",
	    &cause), 0);
	CU_ASSERT_EQUAL(sbx_s3_bucket_set(sb->store, "nope", "policy", "{}",
	    &cause), 1);
	CU_ASSERT_EQUAL(sbx_s3_bucket_get(sb->store, "b1", &got, &cause), 0);
	HS_ASSERT_STR_EQ(got.policy, "{}");
	sbx_bucket_clear(&got);
	CU_ASSERT_EQUAL(sbx_s3_bucket_get(sb->store, "nope", &got, &cause), 1);
	o.bucket = "b1";
	o.key = "k";
	o.blob = "0123";
	o.etag = "e";
	CU_ASSERT_EQUAL(sbx_s3_object_put(sb->store, &o, &old, &cause), 0);
	CU_ASSERT_PTR_NULL(old);
	CU_ASSERT_EQUAL(sbx_s3_bucket_delete(sb->store, "b1", &cause), 1);
	CU_ASSERT_EQUAL(sbx_s3_object_delete(sb->store, "b1", "k", &old,
	    &cause), 0);
	HS_ASSERT_STR_EQ(old, "0123");
	free(old);
	CU_ASSERT_EQUAL(sbx_s3_object_delete(sb->store, "b1", "k", &old,
	    &cause), 1);
	CU_ASSERT_EQUAL(sbx_s3_bucket_delete(sb->store, "b1", &cause), 0);
	fake_free(sb);
}

/* Put an object with a given key and blob. */
static void
put_obj(struct sandbox *sb, const char *key, const char *blob, char **old)
{
	struct sbx_object o = { 0 };
	char *cause = NULL;

	o.bucket = "b";
	o.key = (char *)key;
	o.blob = (char *)blob;
	o.etag = "e";
	CU_ASSERT_EQUAL(sbx_s3_object_put(sb->store, &o, old, &cause), 0);
}

static void
test_store_objects_scan(void)
{
	static const char *const keys[] = { "a/2", "a/1", "b", "\xc3\xa9",
	    "a/10", "Z" };
	struct sandbox *sb = fake_sandbox();
	struct sbx_bucket b = { 0 };
	struct sbx_object *v = NULL;
	char *owner = NULL, *cause = NULL, *old = NULL;
	size_t n = 0, i;

	b.name = "b";
	b.owner = "000000000000";
	CU_ASSERT_EQUAL(sbx_s3_bucket_create(sb->store, &b, &owner, &cause), 0);
	for (i = 0; i < HS_ARRAY_SIZE(keys); i++)
		put_obj(sb, keys[i], "x", &old);
	put_obj(sb, "b", "y", &old);
	HS_ASSERT_STR_EQ(old, "x");	/* the replaced body */
	free(old);
	CU_ASSERT_EQUAL(sbx_s3_object_scan(sb->store, "b", "", "", 10, &v, &n,
	    &cause), 0);
	CU_ASSERT_EQUAL_FATAL(n, 6);
	/* UTF-8 byte order: upper case, then lower case, then é */
	HS_ASSERT_STR_EQ(v[0].key, "Z");
	HS_ASSERT_STR_EQ(v[1].key, "a/1");
	HS_ASSERT_STR_EQ(v[2].key, "a/10");
	HS_ASSERT_STR_EQ(v[5].key, "\xc3\xa9");
	for (i = 0; i < n; i++)
		sbx_object_clear(&v[i]);
	free(v);
	CU_ASSERT_EQUAL(sbx_s3_object_scan(sb->store, "b", "a/", "a/1", 1, &v,
	    &n, &cause), 0);
	CU_ASSERT_EQUAL_FATAL(n, 1);
	HS_ASSERT_STR_EQ(v[0].key, "a/10");
	sbx_object_clear(&v[0]);
	free(v);
	fake_free(sb);
}

static void
test_store_uploads(void)
{
	struct sandbox *sb = fake_sandbox();
	struct sbx_bucket b = { 0 };
	struct sbx_upload u = { 0 }, got = { 0 };
	struct sbx_part p = { 0 }, *v = NULL;
	struct sbx_object o = { 0 };
	char *owner = NULL, *cause = NULL, *old = NULL, **blobs = NULL;
	size_t n = 0, i;

	b.name = "b";
	b.owner = "000000000000";
	CU_ASSERT_EQUAL(sbx_s3_bucket_create(sb->store, &b, &owner, &cause), 0);
	u.id = "u1";
	u.bucket = "b";
	u.key = "k";
	CU_ASSERT_EQUAL(sbx_s3_upload_create(sb->store, &u, &cause), 0);
	CU_ASSERT_EQUAL(sbx_s3_upload_get(sb->store, "b", "k", "u1", &got,
	    &cause), 0);
	sbx_upload_clear(&got);
	CU_ASSERT_EQUAL(sbx_s3_upload_get(sb->store, "b", "other", "u1", &got,
	    &cause), 1);
	p.number = 2;
	p.blob = "p2";
	p.etag = "e2";
	CU_ASSERT_EQUAL(sbx_s3_part_put(sb->store, "u1", &p, &old, &cause), 0);
	p.number = 1;
	p.blob = "p1";
	CU_ASSERT_EQUAL(sbx_s3_part_put(sb->store, "u1", &p, &old, &cause), 0);
	p.blob = "p1b";
	CU_ASSERT_EQUAL(sbx_s3_part_put(sb->store, "u1", &p, &old, &cause), 0);
	HS_ASSERT_STR_EQ(old, "p1");
	free(old);
	CU_ASSERT_EQUAL(sbx_s3_part_list(sb->store, "u1", 0, 10, &v, &n,
	    &cause), 0);
	CU_ASSERT_EQUAL_FATAL(n, 2);
	CU_ASSERT_EQUAL(v[0].number, 1);
	HS_ASSERT_STR_EQ(v[0].blob, "p1b");
	for (i = 0; i <= n; i++)
		sbx_part_clear(&v[i]);
	free(v);
	o.bucket = "b";
	o.key = "k";
	o.blob = "final";
	o.etag = "x-2";
	CU_ASSERT_EQUAL(sbx_s3_upload_complete(sb->store, "u1", &o, &blobs, &n,
	    &cause), 0);
	CU_ASSERT_EQUAL(n, 2);	/* the parts' bodies, to remove */
	for (i = 0; i < n; i++)
		free(blobs[i]);
	free(blobs);
	/* the upload is gone: a late part and a second completion fail */
	CU_ASSERT_EQUAL(sbx_s3_part_put(sb->store, "u1", &p, &old, &cause), 1);
	CU_ASSERT_EQUAL(sbx_s3_upload_complete(sb->store, "u1", &o, &blobs, &n,
	    &cause), 1);
	fake_free(sb);
}

static void
test_store_sts_sessions(void)
{
	struct sandbox *sb = fake_sandbox();
	struct sbx_principal p = { 0 }, *got;
	char *cause = NULL;
	bool expired = false;

	p.access_key = "ASIAEXAMPLE";
	p.secret = "s";
	p.session_token = "t";
	p.arn = "arn:aws:sts::000000000000:assumed-role/r/s";
	p.account = "000000000000";
	p.user_id = "AROAX:s";
	p.expiration = 2000;
	CU_ASSERT_EQUAL(sbx_sts_session_put(sb->store, &p, &cause), 0);
	CU_ASSERT_EQUAL(sbx_creds_load(sb, &cause), 0);
	got = sbx_creds_lookup(sb, "ASIAEXAMPLE", 1999, &expired);
	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	CU_ASSERT_FALSE(expired);
	HS_ASSERT_STR_EQ(got->session_token, "t");
	sbx_principal_free(got);
	got = sbx_creds_lookup(sb, "ASIAEXAMPLE", 2000, &expired);
	CU_ASSERT_TRUE(expired);
	sbx_principal_free(got);
	got = sbx_creds_lookup(sb, "test", 0, &expired);
	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	HS_ASSERT_STR_EQ(got->arn, "arn:aws:iam::000000000000:root");
	sbx_principal_free(got);
	CU_ASSERT_PTR_NULL(sbx_creds_lookup(sb, "nope", 0, &expired));
	sbx_creds_free(sb->creds);
	fake_free(sb);
}

static const struct hs_unit_case store_cases[] = {
	{ "blob-encrypted-roundtrip", test_blob_encrypted_roundtrip },
	{ "blob-tampering-is-detected", test_blob_tampering_is_detected },
	{ "blob-plain-md5-and-remove", test_blob_plain_md5_and_remove },
	{ "sse-key-file", test_sse_key_file },
	{ "buckets", test_store_buckets },
	{ "objects-scan", test_store_objects_scan },
	{ "uploads", test_store_uploads },
	{ "sts-sessions", test_store_sts_sessions },
};

void
hs_unit_register(void)
{
	hs_unit_add_table("store", store_cases, HS_ARRAY_SIZE(store_cases));
}
