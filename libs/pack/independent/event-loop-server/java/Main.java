// event-loop-server, an independent Java solution: a thread per client, with plain blocking
// streams. A client that stops reading blocks only its own thread.
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

public class Main {
  private static final long LARGEST_REPLY = 16L * 1024 * 1024;
  private static final int LONGEST_REQUEST = 32;
  private static final byte[] ALPHABET = "abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);

  /** The request line without its "\n", or null if the client closed first or sent too much. */
  private static String readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\n') {
      if (b == -1 || line.size() >= LONGEST_REQUEST) return null;
      line.write(b);
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  private static long requestedSize(String request) {
    if (request == null || !request.matches("SIZE [0-9]{1,9}")) return -1;
    long size = Long.parseLong(request.substring(5));
    return size <= LARGEST_REPLY ? size : -1;
  }

  private static void serve(Socket client) {
    try (client) {
      long size = requestedSize(readRequest(client.getInputStream()));
      if (size < 0) return;
      OutputStream out = client.getOutputStream();
      byte[] chunk = new byte[64 * 1024];
      for (long sent = 0; sent < size; ) {
        int length = (int) Math.min(chunk.length, size - sent);
        for (int k = 0; k < length; k++) chunk[k] = ALPHABET[(int) ((sent + k) % 26)];
        out.write(chunk, 0, length);
        sent += length;
      }
    } catch (IOException e) {
      System.err.println("client failed: " + e.getMessage());
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: java Main PORT");
      System.exit(1);
    }
    try (ServerSocket listener = new ServerSocket(Integer.parseInt(args[0]), 128)) {
      while (true) {
        Socket client = listener.accept();
        new Thread(() -> serve(client)).start();
      }
    }
  }
}
