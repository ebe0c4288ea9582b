/*
 * svc-ecr.c: the ECR service of the sandbox (json 1.1, X-Amz-Target
 * AmazonEC2ContainerRegistry_V20150921.*): its operations, sorted.
 */
#include "hs-common.h"
#include "ecr.h"

const struct sbx_op sbx_ecr_ops[] = {
	{ "BatchDeleteImage", sbx_ecr_batch_delete_image },
	{ "BatchGetImage", sbx_ecr_batch_get_image },
	{ "CreateRepository", sbx_ecr_create_repository },
	{ "DeleteRepository", sbx_ecr_delete_repository },
	{ "DeleteRepositoryPolicy", sbx_ecr_delete_repository_policy },
	{ "DescribeImages", sbx_ecr_describe_images },
	{ "DescribeRepositories", sbx_ecr_describe_repositories },
	{ "GetAuthorizationToken", sbx_ecr_get_authorization_token },
	{ "GetRepositoryPolicy", sbx_ecr_get_repository_policy },
	{ "ListImages", sbx_ecr_list_images },
	{ "ListTagsForResource", sbx_ecr_list_tags_for_resource },
	{ "PutImage", sbx_ecr_put_image },
	{ "PutImageScanningConfiguration",
	    sbx_ecr_put_image_scanning_configuration },
	{ "PutImageTagMutability", sbx_ecr_put_image_tag_mutability },
	{ "SetRepositoryPolicy", sbx_ecr_set_repository_policy },
	{ "TagResource", sbx_ecr_tag_resource },
	{ "UntagResource", sbx_ecr_untag_resource },
};
const size_t sbx_ecr_n_ops = HS_ARRAY_SIZE(sbx_ecr_ops);
