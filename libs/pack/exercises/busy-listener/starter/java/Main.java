// busy-listener: answer each connection's line reversed, then close it.
// Started as:  java Main PORT     (listen on 0.0.0.0:PORT)
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

public class Main {
    static final int MAX_LINE = 1024;
    // TODO: how many connection attempts must the listener's queues hold at once?
    // (new ServerSocket(port) without a backlog uses 50.)
    static final int BACKLOG = 1;

    /** Serves one connection; the caller closes it. */
    static void serve(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        // TODO: read until '\n' (read() may return part of the line), reverse the bytes before
        // the '\n' and write them back followed by '\n'. If the client closes before the '\n'
        // (read() returns -1), just return.
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java Main PORT");
            System.exit(1);
        }
        int port = Integer.parseInt(args[0]);
        try (ServerSocket listener = new ServerSocket()) {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress("0.0.0.0", port), BACKLOG);
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
