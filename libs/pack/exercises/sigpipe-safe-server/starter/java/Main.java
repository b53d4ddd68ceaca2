// sigpipe-safe-server: write "TICK <i>\n" to each client every 50 ms until a write fails,
// then close that connection and serve the next client. Never die.
// Started as:  java Main PORT     (listen on 0.0.0.0:PORT)
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

public class Main {
    /** Serves one client; returns when the connection is no longer usable. */
    static void serve(Socket client) throws InterruptedException {
        // TODO: for i = 1, 2, 3, ...: write ("TICK " + i + "\n").getBytes(StandardCharsets.US_ASCII)
        // to client.getOutputStream(), then Thread.sleep(50).
        // A write to a client that is gone throws an IOException ("Broken pipe", "Connection
        // reset"): catch it and return; main() closes the socket.
        // Beware of PrintWriter: it never throws, it only remembers the error (checkError()).
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: java Main PORT");
            System.exit(1);
        }
        try (ServerSocket listener = new ServerSocket()) {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress("0.0.0.0", Integer.parseInt(args[0])), 16);
            while (true) {
                try (Socket client = listener.accept()) {
                    serve(client);
                }
            }
        }
    }
}
