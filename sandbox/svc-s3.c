/*
 * svc-s3.c: the S3 operations the sandbox serves, for the service table.
 * Sorted by name (a unit test checks). Everything else answers 501
 * NotImplemented from s3-route.c.
 */
#include "hs-common.h"
#include "s3.h"
#include "s3-notify.h"

const struct sbx_op sbx_s3_ops[] = {
	{ "AbortMultipartUpload", sbx_s3_abort_multipart_upload },
	{ "CompleteMultipartUpload", sbx_s3_complete_multipart_upload },
	{ "CopyObject", sbx_s3_copy_object },
	{ "CreateBucket", sbx_s3_create_bucket },
	{ "CreateMultipartUpload", sbx_s3_create_multipart_upload },
	{ "DeleteBucket", sbx_s3_delete_bucket },
	{ "DeleteBucketEncryption", sbx_s3_delete_bucket_encryption },
	{ "DeleteBucketPolicy", sbx_s3_delete_bucket_policy },
	{ "DeleteBucketTagging", sbx_s3_delete_bucket_tagging },
	{ "DeleteObject", sbx_s3_delete_object },
	{ "DeleteObjects", sbx_s3_delete_objects },
	{ "DeletePublicAccessBlock", sbx_s3_delete_public_access_block },
	{ "GetBucketEncryption", sbx_s3_get_bucket_encryption },
	{ "GetBucketLocation", sbx_s3_get_bucket_location },
	{ "GetBucketNotificationConfiguration",
	    sbx_s3_get_bucket_notification_configuration },
	{ "GetBucketPolicy", sbx_s3_get_bucket_policy },
	{ "GetBucketTagging", sbx_s3_get_bucket_tagging },
	{ "GetBucketVersioning", sbx_s3_get_bucket_versioning },
	{ "GetObject", sbx_s3_get_object },
	{ "GetPublicAccessBlock", sbx_s3_get_public_access_block },
	{ "HeadBucket", sbx_s3_head_bucket },
	{ "HeadObject", sbx_s3_head_object },
	{ "ListBuckets", sbx_s3_list_buckets },
	{ "ListMultipartUploads", sbx_s3_list_multipart_uploads },
	{ "ListObjects", sbx_s3_list_objects },
	{ "ListObjectsV2", sbx_s3_list_objects_v2 },
	{ "ListParts", sbx_s3_list_parts },
	{ "PutBucketEncryption", sbx_s3_put_bucket_encryption },
	{ "PutBucketNotificationConfiguration",
	    sbx_s3_put_bucket_notification_configuration },
	{ "PutBucketPolicy", sbx_s3_put_bucket_policy },
	{ "PutBucketTagging", sbx_s3_put_bucket_tagging },
	{ "PutBucketVersioning", sbx_s3_put_bucket_versioning },
	{ "PutObject", sbx_s3_put_object },
	{ "PutPublicAccessBlock", sbx_s3_put_public_access_block },
	{ "UploadPart", sbx_s3_upload_part },
};
const size_t sbx_s3_n_ops = HS_ARRAY_SIZE(sbx_s3_ops);
