package io.storagecatalog.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports for a test's servers. */
final class LoopbackPorts {

    private LoopbackPorts() {}

    static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ports for a whole local run; the broker's controller takes the port after the broker's. */
    static AllInOne.Ports allInOne() {
        int kafka;
        do {
            kafka = free();
        } while (!freeAt(kafka + 1));
        return new AllInOne.Ports(free(), kafka, free(), free(), free(), free(), free());
    }

    private static boolean freeAt(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
