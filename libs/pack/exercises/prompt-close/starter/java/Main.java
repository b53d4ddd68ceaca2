// prompt-close: answer "GET <key>\n" with "VALUE <key>\n", for up to 20 clients at once,
// and close each connection as soon as its client has closed or reset it.
// Started as:  java Main PORT     (listen on 0.0.0.0:PORT)
//
// This skeleton runs one thread per client.
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

public class Main {
    /** Serves one client until it closes or resets the connection. */
    static void serve(Socket client) {
        try {
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = client.getOutputStream();
            String line;
            while ((line = in.readLine()) != null) {
                // TODO: "GET <key>" gets "VALUE <key>\n", written to out
                // (e.g. out.write(("VALUE " + key + "\n").getBytes(StandardCharsets.US_ASCII))).
            }
            // readLine() returned null: end of stream, the client's FIN.
        } catch (IOException e) {
            // "Connection reset": the client's RST.
        }
        // TODO: either way this connection is over: what must the server do with client
        // before this thread ends? (Look at the socket's state with `ss -tn` meanwhile.)
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java Main PORT");
            System.exit(1);
        }
        try (ServerSocket listener = new ServerSocket()) {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress("0.0.0.0", Integer.parseInt(args[0])), 64);
            while (true) {
                Socket client = listener.accept();
                new Thread(() -> serve(client)).start();
            }
        }
    }
}
