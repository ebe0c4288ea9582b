#!/bin/sh
# t0540-sandbox-s3-multipart: multipart uploads through the AWS CLI: a
# 40 MiB `s3 cp` round trip byte for byte, the multipart ETag form, and
# S3's errors (EntityTooSmall, InvalidPart, InvalidPartOrder, NoSuchUpload).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/lib-sandbox.sh"
require_program aws

start_sandbox
sbx_aws s3 mb s3://mpu >/dev/null

head -c 41943040 /dev/urandom >"$TEST_TMP/big.bin"
head -c 5242880 /dev/urandom >"$TEST_TMP/part5m.bin"
echo small >"$TEST_TMP/small.bin"

for cli in $(sandbox_clis); do
	export cli
	test_expect_success "$cli: 40 MiB s3 cp round trip is byte-identical" '
		$cli --endpoint-url "$SANDBOX_URL" s3 cp "$TEST_TMP/big.bin" \
		    s3://mpu/big.bin >/dev/null &&
		$cli --endpoint-url "$SANDBOX_URL" s3 cp s3://mpu/big.bin \
		    "$TEST_TMP/back.bin" >/dev/null &&
		cmp "$TEST_TMP/big.bin" "$TEST_TMP/back.bin" &&
		rm -f "$TEST_TMP/back.bin"
	'
done

test_expect_success 'the multipart ETag is the MD5 of the part MD5s, then -N' '
	python3 - "$TEST_TMP/big.bin" >want <<-PY &&
	import hashlib, sys
	data = open(sys.argv[1], "rb").read()
	size = 8 * 1024 * 1024
	parts = [data[i:i + size] for i in range(0, len(data), size)]
	md5s = b"".join(hashlib.md5(p).digest() for p in parts)
	print("\"%s-%d\"" % (hashlib.md5(md5s).hexdigest(), len(parts)))
	PY
	sbx_aws s3api head-object --bucket mpu --key big.bin \
	    --query ETag --output text >got &&
	test_cmp want got
'

test_expect_success 'a ranged GET across encryption chunks returns the right bytes' '
	sbx_aws s3api get-object --bucket mpu --key big.bin \
	    --range bytes=65530-131080 part.bin >out.json &&
	test_grep "\"ContentRange\": \"bytes 65530-131080/41943040\"" out.json &&
	dd if="$TEST_TMP/big.bin" of=want.bin bs=1 skip=65530 count=65551 2>/dev/null &&
	cmp want.bin part.bin
'

upload_id() {
	sbx_aws s3api create-multipart-upload --bucket mpu --key "$1" \
	    --query UploadId --output text
}

test_expect_success 'EntityTooSmall for a small part that is not the last' '
	id=$(upload_id small) &&
	e1=$(sbx_aws s3api upload-part --bucket mpu --key small --upload-id "$id" \
	    --part-number 1 --body "$TEST_TMP/small.bin" --query ETag --output text) &&
	e2=$(sbx_aws s3api upload-part --bucket mpu --key small --upload-id "$id" \
	    --part-number 2 --body "$TEST_TMP/small.bin" --query ETag --output text) &&
	! sbx_aws s3api complete-multipart-upload --bucket mpu --key small \
	    --upload-id "$id" --multipart-upload \
	    "{\"Parts\":[{\"PartNumber\":1,\"ETag\":$e1},{\"PartNumber\":2,\"ETag\":$e2}]}" 2>err &&
	test_grep "EntityTooSmall" err &&
	sbx_aws s3api abort-multipart-upload --bucket mpu --key small --upload-id "$id"
'

test_expect_success 'InvalidPart for an unknown part or a wrong ETag' '
	id=$(upload_id ip) &&
	e1=$(sbx_aws s3api upload-part --bucket mpu --key ip --upload-id "$id" \
	    --part-number 1 --body "$TEST_TMP/small.bin" --query ETag --output text) &&
	! sbx_aws s3api complete-multipart-upload --bucket mpu --key ip \
	    --upload-id "$id" --multipart-upload \
	    "{\"Parts\":[{\"PartNumber\":2,\"ETag\":$e1}]}" 2>err &&
	test_grep "InvalidPart" err &&
	! sbx_aws s3api complete-multipart-upload --bucket mpu --key ip \
	    --upload-id "$id" --multipart-upload \
	    "{\"Parts\":[{\"PartNumber\":1,\"ETag\":\"\\\"00000000000000000000000000000000\\\"\"}]}" 2>err &&
	test_grep "InvalidPart" err
'

test_expect_success 'InvalidPartOrder for parts out of order' '
	id=$(upload_id order) &&
	e1=$(sbx_aws s3api upload-part --bucket mpu --key order --upload-id "$id" \
	    --part-number 1 --body "$TEST_TMP/part5m.bin" --query ETag --output text) &&
	e2=$(sbx_aws s3api upload-part --bucket mpu --key order --upload-id "$id" \
	    --part-number 2 --body "$TEST_TMP/small.bin" --query ETag --output text) &&
	! sbx_aws s3api complete-multipart-upload --bucket mpu --key order \
	    --upload-id "$id" --multipart-upload \
	    "{\"Parts\":[{\"PartNumber\":2,\"ETag\":$e2},{\"PartNumber\":1,\"ETag\":$e1}]}" 2>err &&
	test_grep "InvalidPartOrder" err
'

test_expect_success 'list-parts and list-multipart-uploads show the upload' '
	sbx_aws s3api list-multipart-uploads --bucket mpu --output json >ups.json &&
	test_grep "\"Key\": \"order\"" ups.json &&
	id=$(sbx_aws s3api list-multipart-uploads --bucket mpu --prefix order \
	    --query "Uploads[0].UploadId" --output text) &&
	sbx_aws s3api list-parts --bucket mpu --key order --upload-id "$id" \
	    --output json >parts.json &&
	test_grep "\"PartNumber\": 1" parts.json &&
	test_grep "\"Size\": 5242880" parts.json &&
	test_grep "\"PartNumber\": 2" parts.json
'

test_expect_success 'completing in order makes the object; the upload is gone' '
	id=$(sbx_aws s3api list-multipart-uploads --bucket mpu --prefix order \
	    --query "Uploads[0].UploadId" --output text) &&
	e1=$(sbx_aws s3api list-parts --bucket mpu --key order --upload-id "$id" \
	    --query "Parts[0].ETag" --output text) &&
	e2=$(sbx_aws s3api list-parts --bucket mpu --key order --upload-id "$id" \
	    --query "Parts[1].ETag" --output text) &&
	sbx_aws s3api complete-multipart-upload --bucket mpu --key order \
	    --upload-id "$id" --multipart-upload \
	    "{\"Parts\":[{\"PartNumber\":1,\"ETag\":$e1},{\"PartNumber\":2,\"ETag\":$e2}]}" \
	    --output json >done.json &&
	test_grep "\"ETag\": \"\\\\\"[0-9a-f]*-2\\\\\"\"" done.json &&
	sbx_aws s3api head-object --bucket mpu --key order --query ContentLength \
	    --output text >size &&
	echo 5242886 >want && test_cmp want size &&
	! sbx_aws s3api list-parts --bucket mpu --key order --upload-id "$id" 2>err &&
	test_grep "NoSuchUpload" err
'

test_expect_success 'NoSuchUpload for upload-part and abort with an unknown ID' '
	! sbx_aws s3api upload-part --bucket mpu --key x --upload-id nope \
	    --part-number 1 --body "$TEST_TMP/small.bin" 2>err &&
	test_grep "NoSuchUpload" err &&
	! sbx_aws s3api abort-multipart-upload --bucket mpu --key x \
	    --upload-id nope 2>err &&
	test_grep "NoSuchUpload" err
'

test_expect_success 'a part number out of range is InvalidArgument' '
	id=$(upload_id range) &&
	! sbx_aws s3api upload-part --bucket mpu --key range --upload-id "$id" \
	    --part-number 10001 --body "$TEST_TMP/small.bin" 2>err &&
	test_grep "InvalidArgument" err
'

test_done
