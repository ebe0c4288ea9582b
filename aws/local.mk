# aws/: the AWS client core. Knows nothing of the shell: functions return
# errors, never print. Each part lists its sources in its own .mk.
noinst_LIBRARIES += aws/libaws.a
aws_libaws_a_SOURCES =
aws_libaws_a_CFLAGS = $(AM_CFLAGS) $(CURL_CFLAGS) $(CRYPTO_CFLAGS) \
	$(CJSON_CFLAGS) $(XML_CFLAGS) $(ZLIB_CFLAGS)
# What a program that links libaws.a needs after it.
HS_AWS_LIBS = aws/libaws.a lib/libhscommon.a $(CURL_LIBS) $(XML_LIBS) \
	$(CJSON_LIBS) $(ZLIB_LIBS) $(SSL_LIBS) $(CRYPTO_LIBS)

include aws/sign.mk
include aws/net.mk
include aws/protocol.mk
