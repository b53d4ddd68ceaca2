// length-prefixed-upper: answer each message (4-byte big-endian length + payload) with the
// same framing and the payload's letters a-z in capitals.
// Started as:  java Main PORT     (listen on 0.0.0.0:PORT)
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

public class Main {
    static final int MAX_PAYLOAD = 65536;

    /** Serves one client until the end of its stream; the caller closes the connection. */
    static void serve(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
        while (true) {
            int length;
            try {
                length = in.readInt(); // 4 bytes, big-endian, however many reads they take
            } catch (EOFException endOfStream) {
                return;
            }
            // TODO: read exactly `length` payload bytes (in.readFully), turn 'a'..'z' into
            // 'A'..'Z' byte by byte (do not go through a String), then write the length
            // (out.writeInt) and the payload, and flush.
            return;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java Main PORT");
            System.exit(1);
        }
        try (ServerSocket listener = new ServerSocket()) {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress("0.0.0.0", Integer.parseInt(args[0])), 16);
            while (true) {
                try (Socket socket = listener.accept()) {
                    serve(socket);
                } catch (IOException e) {
                    System.err.println("connection failed: " + e.getMessage());
                }
            }
        }
    }
}
