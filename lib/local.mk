# lib/: the base every folder may use (allocation, hs_buf, banned.h).
noinst_LIBRARIES += lib/libhscommon.a
lib_libhscommon_a_SOURCES = \
	lib/banned.h \
	lib/buf.c \
	lib/hs-common.h \
	lib/str.c \
	lib/xmalloc.c
lib_libhscommon_a_CFLAGS = $(AM_CFLAGS) $(CRYPTO_CFLAGS)
