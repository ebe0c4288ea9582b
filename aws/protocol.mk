# aws/protocol.mk: service models, XML, the four AWS protocols.
