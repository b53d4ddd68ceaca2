// heartbeat-client: PING the server every second and report how the connection ends.
// Started as:  java -cp . Main HOST PORT
//   CLOSED (exit 0)  the server said BYE and closed
//   DEAD   (exit 4)  the server went silent (report it within 4 s of the last PONG)
//   RESET  (exit 5)  the connection was reset
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

public class Main {
    static void finish(String word, int code) {
        System.out.println(word);
        System.out.flush();
        System.exit(code);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java Main HOST PORT");
            System.exit(1);
        }
        Socket socket = new Socket(args[0], Integer.parseInt(args[1]));
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        for (;;) {
            long pingAt = System.nanoTime();
            try {
                out.write("PING\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (SocketException e) {
                finish("RESET", 5);
            }
            // TODO: wait for the answer WITHOUT blocking forever: socket.setSoTimeout(ms) makes
            // in.read() throw SocketTimeoutException. Bytes may arrive in pieces: collect them
            // until '\n'.
            //   - "PONG": wait until pingAt + 1 s, then send the next PING;
            //   - "BYE" or read() returning -1 (the server's FIN): CLOSED, exit 0;
            //   - SocketException "Connection reset": RESET, exit 5;
            //   - no PONG in time: DEAD, exit 4.
            finish("DEAD", 4);
        }
    }
}
