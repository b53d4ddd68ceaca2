// line-protocol: answer every line with "LEN <n>\n".
// Started as:  java -cp . Main PORT     (listen on 0.0.0.0:PORT)
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

public class Main {
    static final int MAX_LINE = 8192;

    /** Serves one client until it closes its side (read() returns -1). */
    static void serve(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        byte[] buf = new byte[4096];
        for (;;) {
            int n = in.read(buf);
            if (n < 0) return;
            // TODO: these n bytes are NOT one line. They may hold part of a line, the end of one
            // line and the start of the next, or several lines. Keep the current line across
            // calls, and for every '\n':
            //   - drop one '\r' right before the '\n';
            //   - reply "LEN <content length>\n" (out.write(...getBytes(StandardCharsets.US_ASCII)));
            //   - if the content is longer than MAX_LINE bytes, reply "ERR too long\n" instead and
            //     return (the caller closes the connection). Do not buffer more than you need.
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
            for (;;) {
                try (Socket socket = listener.accept()) {
                    serve(socket);
                } catch (IOException e) {
                    // the client reset the connection: serve the next one
                }
            }
        }
    }
}
