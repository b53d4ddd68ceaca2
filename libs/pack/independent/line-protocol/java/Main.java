// line-protocol, an independent Java solution: "LEN <n>\n" for every line ("\r\n" counts as
// the line end). As soon as a line is known to be over 8192 bytes the server answers
// "ERR too long\n", then discards the rest of that line up to its "\n" (so close() finds
// nothing unread and sends FIN, not RST) and closes.
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

public class Main {
  private static final int LONGEST_LINE = 8192;

  private static void send(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Serves one client until it closes its side or sends a line that is too long. */
  private static void serveLines(Socket client) throws IOException {
    InputStream in = new BufferedInputStream(client.getInputStream());
    OutputStream out = client.getOutputStream();
    int length = 0; // bytes of the current line so far, '\r' included
    boolean lastWasCr = false;
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        send(out, "LEN " + (lastWasCr ? length - 1 : length) + "\n");
        length = 0;
        lastWasCr = false;
        continue;
      }
      length++;
      lastWasCr = b == '\r';
      if (length > LONGEST_LINE + 1) { // even with a final '\r' the content is too long
        send(out, "ERR too long\n");
        while ((b = in.read()) != -1 && b != '\n') {
          // the rest of the long line
        }
        return;
      }
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: java Main PORT");
      System.exit(1);
    }
    try (ServerSocket listener = new ServerSocket(Integer.parseInt(args[0]))) {
      while (true) {
        try (Socket client = listener.accept()) {
          serveLines(client);
        } catch (IOException e) {
          System.err.println("client failed: " + e.getMessage());
        }
      }
    }
  }
}
