/*
 * s3.h: what the S3 handlers (svc-s3-*.c) share: the bucket and key of a
 * request, the enforcement of bucket policies, object headers and
 * metadata, server-side encryption, and bodies with their digests.
 *
 * As for every service, the shared protocol code finds the operation in
 * the S3 model and decodes its input (s3-route.c): handlers read
 * c->input (the model's member names: "Bucket", "Key", "MaxKeys",
 * "ServerSideEncryption", "Metadata", "Delete"...) and put their answer
 * in c->output, which the router encodes (headers, XML with S3's root
 * names and namespace). Object bodies are the exception the protocol
 * makes too: an upload's body stays in the request (sbx_s3_store_body
 * streams it into a blob) and a download's streams from its blob
 * (c->stream).
 */
#ifndef HS_SANDBOX_S3_H
#define HS_SANDBOX_S3_H

#include "svc.h"
#include "store.h"
#include "api.h"


#define S3_MIN_PART ((uint64_t)5 << 20)
/* The largest request body read into memory and decoded (XML documents:
 * a CompleteMultipartUpload of 10,000 parts, DeleteObjects of 1,000
 * keys); larger ones answer MaxMessageLengthExceeded. */
#define SBX_S3_MAX_XML_BODY ((uint64_t)8 << 20)

/* s3-route.c */
/* Tell whether a bucket name follows S3's rules. */
bool sbx_s3_bucket_name_valid(const char *name);

#ifdef HS_UNIT_TESTS
char *s3_host_bucket(const char *host);
bool s3_parse_range(const char *r, uint64_t size, uint64_t *first,
    uint64_t *last, bool *unsatisfiable);
#endif

/* s3-authz.c */
/*
 * Decide whether the caller may do action ("s3:PutObject") on resource
 * (a bucket or object ARN) of bucket b (NULL: no bucket, e.g.
 * ListBuckets), with the request's condition keys. 0 when allowed;
 * -1 after answering 403 AccessDenied.
 */
int sbx_s3_authorize(struct sbx_call *c, const struct sbx_bucket *b,
    const char *action, const char *key);
/* The same decision without answering: true when allowed. */
bool sbx_s3_allowed(struct sbx_call *c, const struct sbx_bucket *b,
    const char *action, const char *key);

/* s3-util.c */
/* Load c->bucket; NoSuchBucket (404) when it does not exist. */
int sbx_s3_bucket_load(struct sbx_call *c, struct sbx_bucket *b);
/* The answer being built (c->output), made when there is none yet. */
cJSON *sbx_s3_output(struct sbx_call *c);
/* Answer MalformedXML; -1. */
int sbx_s3_malformed_xml(struct sbx_call *c);
/* The 64-hex canonical user ID of an account. */
void sbx_s3_canonical_id(const char *account, char out[65]);
/* The server-side encryption of an upload: from c->input
 * (ServerSideEncryption, SSEKMSKeyId), else the bucket's default;
 * InvalidArgument on a bad value. */
int sbx_s3_sse_resolve(struct sbx_call *c, const struct sbx_bucket *b,
    char **sse, char **kms_key);
/* Put the encryption into c->output (ServerSideEncryption, SSEKMSKeyId). */
void sbx_s3_sse_headers(struct sbx_call *c, const char *sse,
    const char *kms_key);
/* The object headers to keep, from c->input (ContentType, ...,
 * Metadata), as JSON keyed by header name. */
char *sbx_s3_headers_json(struct sbx_call *c);
/* Put the kept object headers into c->output's members. */
void sbx_s3_headers_answer(struct sbx_call *c, const char *json);
/* Store the request body as a blob, checking Content-MD5 and
 * x-amz-checksum-*; fills blob, size and the hex MD5. */
int sbx_s3_store_body(struct sbx_call *c, bool encrypt, char blob[33],
    uint64_t *size, char md5hex[33]);
/* Copy an existing body into a new blob (CopyObject, completion). */
int sbx_s3_blob_copy(struct sbx_call *c, struct sbx_blob_writer *w,
    const char *blob, bool encrypted, uint64_t size);
/* Remove bodies after the metadata that named them is gone. */
void sbx_s3_blobs_remove(struct sbx_call *c, char **blobs, size_t n);
/* Answer an internal error (store failures), keeping the cause out of
 * the answer; always -1. */
int sbx_s3_internal(struct sbx_call *c, char *cause);
/* Read the integer member (the model decoded it from the query parameter
 * name) within [min, max]; def when absent; InvalidArgument naming the
 * parameter when below min. */
int sbx_s3_int_param(struct sbx_call *c, const char *name,
    const char *member, long min, long max, long def, long *out);

/* svc-s3-policy.c */
/* Tell whether a bucket policy document grants access to everyone. */
bool sbx_s3_policy_public(const char *json);
/* Tell whether the bucket's Block Public Access has flag set. */
bool sbx_s3_pab_flag(const struct sbx_bucket *b, const char *flag);

/* svc-s3-object.c */
/* Check the key length, the metadata size and the ACL header. */
int sbx_s3_check_put_headers(struct sbx_call *c);

/* The handlers (svc-s3-*.c). */
int sbx_s3_list_buckets(struct sbx_call *c);
int sbx_s3_create_bucket(struct sbx_call *c);
int sbx_s3_head_bucket(struct sbx_call *c);
int sbx_s3_delete_bucket(struct sbx_call *c);
int sbx_s3_get_bucket_location(struct sbx_call *c);
int sbx_s3_put_object(struct sbx_call *c);
int sbx_s3_get_object(struct sbx_call *c);
int sbx_s3_head_object(struct sbx_call *c);
int sbx_s3_delete_object(struct sbx_call *c);
int sbx_s3_delete_objects(struct sbx_call *c);
int sbx_s3_copy_object(struct sbx_call *c);
int sbx_s3_list_objects(struct sbx_call *c);
int sbx_s3_list_objects_v2(struct sbx_call *c);
int sbx_s3_create_multipart_upload(struct sbx_call *c);
int sbx_s3_upload_part(struct sbx_call *c);
int sbx_s3_complete_multipart_upload(struct sbx_call *c);
int sbx_s3_abort_multipart_upload(struct sbx_call *c);
int sbx_s3_list_parts(struct sbx_call *c);
int sbx_s3_list_multipart_uploads(struct sbx_call *c);
int sbx_s3_put_bucket_policy(struct sbx_call *c);
int sbx_s3_get_bucket_policy(struct sbx_call *c);
int sbx_s3_delete_bucket_policy(struct sbx_call *c);
int sbx_s3_put_bucket_encryption(struct sbx_call *c);
int sbx_s3_get_bucket_encryption(struct sbx_call *c);
int sbx_s3_delete_bucket_encryption(struct sbx_call *c);
int sbx_s3_put_public_access_block(struct sbx_call *c);
int sbx_s3_get_public_access_block(struct sbx_call *c);
int sbx_s3_delete_public_access_block(struct sbx_call *c);
int sbx_s3_put_bucket_tagging(struct sbx_call *c);
int sbx_s3_get_bucket_tagging(struct sbx_call *c);
int sbx_s3_delete_bucket_tagging(struct sbx_call *c);
int sbx_s3_put_bucket_versioning(struct sbx_call *c);
int sbx_s3_get_bucket_versioning(struct sbx_call *c);

#endif
