/*
 * sbx.h: the internal header of hipaa-sandbox, one section per file.
 *
 * A request travels: server.c (libmicrohttpd) fills a struct sbx_call with
 * the aws_request it received ─► router.c picks the service from the
 * service table (SigV4 scope, X-Amz-Target, path) and the operation ─►
 * auth.c verifies the signature and finds the principal ─► the service's
 * handler (svc-*.c) works over the store (store*.c, blob.c) and fills the
 * response, or records an error that error.c encodes in the service's
 * protocol ─► server.c sends it and log.c writes one JSON line.
 *
 * Ownership: struct sbx_call owns everything in it and is freed by
 * sbx_call_free(); handlers borrow the call and the sandbox.
 */
#ifndef HS_SANDBOX_SBX_H
#define HS_SANDBOX_SBX_H

#include "hs-common.h"

#include <pthread.h>
#include <cjson/cJSON.h>

#include "aws/request.h"
#include "sandbox.h"

struct sbx_store;
struct sbx_blob_reader;
struct sbx_creds;
struct sbx_call;
struct aws_operation;
struct sigv4_verify_result;
struct sbx_lambda_async;
struct sbx_pool;

/* The AWS wire protocols a service may speak (botocore's metadata.protocol). */
enum sbx_protocol {
	SBX_PROTO_REST_XML,	/* s3 */
	SBX_PROTO_QUERY,	/* sts, iam */
	SBX_PROTO_REST_JSON,	/* lambda */
	SBX_PROTO_JSON,		/* ecr, logs */
};

/* One operation of a service: the model's operation name and its handler. */
struct sbx_op {
	const char *name;		/* "PutObject"; the table is sorted by name */
	int (*fn)(struct sbx_call *c);	/* 0, or -1 after sbx_fail() */
};

/*
 * A service of the sandbox. The router reads the table in router.c; a new
 * service (issue 7: iam, lambda, logs, ecr) adds one entry and its
 * svc-NAME*.c files.
 */
struct sbx_service {
	const char *name;		/* SigV4 scope service: "s3", "sts" */
	const char *model;		/* botocore model folder: "s3", "sts" */
	enum sbx_protocol protocol;
	const char *xmlns;		/* query/rest-xml namespace of answers */
	const char *target_prefix;	/* json: X-Amz-Target before '.', or NULL */
	const char *api_version;	/* query: the Version of its requests */
	const char *schema;		/* SQL creating its tables, or NULL */
	/* Find the operation of c->req (c->op, c->model_op) and decode
	 * c->input, or fail; NULL: model.c's generic resolver (query:
	 * Action, json: X-Amz-Target, rest-json: the path). Every service
	 * is model-driven: c->output and errors are encoded by the shared
	 * protocol code. S3 has its own (s3-route.c) for virtual-hosted
	 * buckets, object bodies that stay streams and S3's errors. */
	int (*resolve)(struct sbx_call *c);
	const struct sbx_op *ops;	/* sorted by name */
	const size_t *n_ops;		/* entries in ops */
};

/* Who sent a request: the credentials file's principals and STS sessions. */
struct sbx_principal {
	char *access_key;
	char *secret;		/* wiped on free */
	char *session_token;	/* STS sessions only; wiped on free */
	char *arn;		/* arn:aws:iam::ACCOUNT:root / user/N / sts::...assumed-role */
	char *account;
	char *user_id;		/* "AIDA..." or "AROA...:session" or the account */
	time_t expiration;	/* 0: long-term */
};

/* The running sandbox (struct sandbox of sandbox.h). */
struct sandbox {
	struct sandbox_config cfg;
	struct MHD_Daemon *mhd;
	char *url;
	char *bind_host;
	int port;
	char *data_dir;
	bool data_is_temp;
	char *account_id;
	struct sbx_store *store;
	struct sbx_creds *creds;
	unsigned char sse_key[32];	/* wiped at stop */
	char *tls_cert_pem;
	char *tls_key_pem;		/* wiped at stop */
	FILE *log;
	pthread_mutex_t log_lock;
	unsigned long tmp_seq;		/* names of temporary files */
	struct sbx_lambda_async *lambda_async;	/* lambda-async.c */
	struct sbx_pool *pool;		/* runs the handlers (pool.c) */
	pthread_mutex_t seq_lock;
};

/* A request being served, and its answer. */
struct sbx_call {
	struct sandbox *sb;
	struct aws_request req;		/* path raw as received; query decoded */
	char *raw_uri;			/* as received, with the query */
	char *raw_query;		/* after '?', or "" */
	char *client_ip;
	bool secure;			/* arrived over TLS */
	time_t now;
	int64_t now_ms;
	int64_t start_us;		/* monotonic: the request line arrived */
	int64_t served_us;		/* the body was in; the handler began */
	int64_t answered_us;		/* the answer was queued */
	void *conn;			/* its MHD_Connection, while served */
	bool answered;			/* served: the answer waits to be sent */
	char request_id[40];
	char host_id[80];

	const struct sbx_service *svc;
	const struct sbx_op *op;
	const char *op_name;		/* for the log, even when unresolved */
	char *bucket;			/* S3: decoded, or NULL */
	char *key;			/* S3: decoded, or NULL */
	struct sbx_principal *who;	/* authenticated caller (owned copy) */
	bool anonymous;			/* S3: unsigned request */
	char *region;			/* SigV4 scope region, or "us-east-1" */
	struct aws_kvlist params;	/* query protocol: query and form fields */
	bool params_decoded;
	int body_fd;			/* spilled request body being written */
	uint64_t body_len;		/* bytes of request body received */
	bool body_too_large;
	bool body_dechunked;		/* an aws-chunked body, decoded by auth.c */

	/* Model-driven services: input decoded, output to encode. */
	const struct aws_operation *model_op;
	cJSON *input;
	cJSON *output;

	/* The answer. */
	int status;
	struct aws_kvlist headers;
	struct hs_buf body;
	struct sbx_blob_reader *stream;	/* body streamed from a blob */
	uint64_t stream_offset;
	uint64_t stream_length;
	bool head_length_only;		/* HEAD: Content-Length = stream_length */

	/* An error (sbx_fail). */
	char *err_code;
	char *err_message;
	struct aws_kvlist err_fields;	/* extra <Error> members (BucketName...) */
};

/* pool.c */
/* Make a pool that keeps up to keep idle threads; closed until opened. */
struct sbx_pool *sbx_pool_new(unsigned keep);
/* Let jobs in. */
void sbx_pool_open(struct sbx_pool *p);
/* Claim a place for one job; false when the pool is closed or stopping. */
bool sbx_pool_reserve(struct sbx_pool *p);
/* Run fn(arg) on a pool thread in the place sbx_pool_reserve() claimed;
 * a thread is started when none is idle: a job never waits for another. */
void sbx_pool_run(struct sbx_pool *p, void (*fn)(void *arg), void *arg);
/* Refuse new jobs, wait for the others to end and for every thread. */
void sbx_pool_stop(struct sbx_pool *p);
/* Stop and free a pool. */
void sbx_pool_free(struct sbx_pool *p);

/* call.c */
struct sbx_call *sbx_call_new(struct sandbox *sb, const char *raw_uri);
/* Microseconds on the monotonic clock (durations). */
int64_t sbx_mono_us(void);
void sbx_call_free(struct sbx_call *c);
/* Record an AWS error for the answer; always returns -1. */
HS_PRINTF(4, 5) int sbx_fail(struct sbx_call *c, int status,
    const char *code, const char *fmt, ...);
/* Add a member to the error document (S3: <BucketName>, <Key>...). */
void sbx_fail_field(struct sbx_call *c, const char *name, const char *value);
/* Set a response header (replaces). */
void sbx_header(struct sbx_call *c, const char *name, const char *value);
HS_PRINTF(3, 4) void sbx_headerf(struct sbx_call *c, const char *name,
    const char *fmt, ...);
/* Format a time as RFC 1123 ("Sun, 06 Nov 1994 08:49:37 GMT"). */
void sbx_http_date(time_t t, char out[40]);
/* Format milliseconds since the epoch as ISO 8601 with milliseconds, Z. */
void sbx_iso_date(int64_t ms, char out[40]);
/* Fill buf with n random bytes as lower-case hex (2n chars + NUL). */
void sbx_random_hex(char *buf, size_t n);
/* Replace the request ID by a UUID (query, json and rest-json services). */
void sbx_call_uuid_id(struct sbx_call *c);
/* Make a unique name for a temporary file under DATA/tmp. */
char *sbx_tmp_path(struct sandbox *sb, const char *what);

/* body.c */
/* Take a chunk of the request body (memory, then DATA/tmp past 1 MiB). */
int sbx_body_append(struct sbx_call *c, const char *data, size_t len);
/* Finish the request body: close the spill file. */
int sbx_body_finish(struct sbx_call *c);
/* Read the request body at pos; -1 on error, 0 at the end. */
ssize_t sbx_body_read_at(struct sbx_call *c, uint64_t pos, void *buf,
    size_t max);
/* Decode an aws-chunked body in place with the verifier's decoder
 * (res->chunked); -1 when refused (res->status) or on an I/O error. */
int sbx_body_dechunk(struct sbx_call *c, struct sigv4_verify_result *res);
/* Drop the request body and its spill file. */
void sbx_body_release(struct sbx_call *c);

/* xml.c */
void sbx_xml_escape(struct hs_buf *b, const char *s);
/* Append <tag>escaped value</tag>. */
void sbx_xml_elem(struct hs_buf *b, const char *tag, const char *value);
HS_PRINTF(3, 4) void sbx_xml_elemf(struct hs_buf *b, const char *tag,
    const char *fmt, ...);
/* Start an answer document with the XML declaration. */
void sbx_xml_start(struct hs_buf *b);

/* error.c */
/* Encode c's error (err_code...) in the service's protocol. */
void sbx_error_encode(struct sbx_call *c);

/* log.c */
int sbx_log_open(struct sandbox *sb, const char *path, char **cause);
void sbx_log_call(struct sandbox *sb, const struct sbx_call *c);
void sbx_log_close(struct sandbox *sb);

/* tls.c */
/* Load DATA/tls/{cert,key}.pem, creating a self-signed pair if missing. */
int sbx_tls_load(struct sandbox *sb, char **cause);

/* router.c */
extern const struct sbx_service sbx_services[];
extern const size_t sbx_n_services;
const struct sbx_service *sbx_service_find(const char *name);
const struct sbx_op *sbx_op_find(const struct sbx_service *svc,
    const char *name);
/* Route, authenticate and run c; the answer is in c. */
void sbx_route(struct sbx_call *c);

/* creds.c */
/* Load the principals: cfg.credentials_file, or test/test as root. */
int sbx_creds_load(struct sandbox *sb, char **cause);
void sbx_creds_free(struct sbx_creds *cr);
/* Find the principal of an access key (long-term or STS session); NULL
 * when unknown. An STS session past its expiration comes with *expired. */
struct sbx_principal *sbx_creds_lookup(struct sandbox *sb,
    const char *access_key, time_t now, bool *expired);
/* A stable IAM-style unique ID: prefix ("AIDA", "AROA") + 17 characters. */
char *sbx_unique_id(const char *prefix, const char *seed);
struct sbx_principal *sbx_principal_dup(const struct sbx_principal *p);
void sbx_principal_free(struct sbx_principal *p);

/* blob.c: object bodies in files, named by random IDs, never by keys. */
struct sbx_blob_writer;
/* Start a body under DATA/tmp; encrypt with the SSE key when asked. */
int sbx_blob_create(struct sandbox *sb, bool encrypt,
    struct sbx_blob_writer **out, char **cause);
int sbx_blob_write(struct sbx_blob_writer *w, const void *data, size_t len,
    char **cause);
/* fsync, rename to DATA/blobs/XX/ID; the ID (33 bytes) and the MD5. */
int sbx_blob_commit(struct sbx_blob_writer *w, char id[33],
    unsigned char md5[16], uint64_t *size, char **cause);
/* Drop an unfinished body (NULL is fine). */
void sbx_blob_abort(struct sbx_blob_writer *w);
/* Open a body for reading; size is the plain-text size. */
int sbx_blob_open(struct sandbox *sb, const char *id, bool encrypted,
    uint64_t size, struct sbx_blob_reader **out, char **cause);
/* Read up to max bytes at pos (plain text); -1 on error, 0 at the end. */
ssize_t sbx_blob_read_at(struct sbx_blob_reader *r, uint64_t pos, void *buf,
    size_t max);
void sbx_blob_close(struct sbx_blob_reader *r);
/* Remove a body's file (after the metadata that named it is gone). */
void sbx_blob_remove(struct sandbox *sb, const char *id);
/* The path of a body's file (caller frees). */
char *sbx_blob_path(struct sandbox *sb, const char *id);
/* Load DATA/sse.key (mode 0600), creating it on first start. */
int sbx_sse_key_load(struct sandbox *sb, char **cause);

/* fsutil.c */
/* Create a folder and its parents with mode. */
int sbx_mkdirs(const char *path, mode_t mode, char **cause);
/* Remove a folder tree (the temporary data folder). */
int sbx_rmtree(const char *path);
/* Write a whole file atomically: temp name, fsync, rename, fsync folder. */
int sbx_write_file_atomic(const char *path, const void *data, size_t len,
    mode_t mode, char **cause);
/* Read a whole (small) file; NULL and cause on failure. */
char *sbx_read_file(const char *path, size_t *len, size_t max, char **cause);
/* fsync the folder that holds path. */
int sbx_fsync_parent(const char *path);

#endif
