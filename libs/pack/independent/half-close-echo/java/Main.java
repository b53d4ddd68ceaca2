// half-close-echo, an independent Java solution: echo every byte, answer the client's
// half-close with "BYTES <n>\n", then close.
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

public class Main {
  private static void echoUntilHalfClose(Socket client) throws IOException {
    InputStream in = client.getInputStream();
    OutputStream out = client.getOutputStream();
    byte[] chunk = new byte[32 * 1024];
    long received = 0;
    int n;
    while ((n = in.read(chunk)) != -1) {
      received += n;
      out.write(chunk, 0, n);
      out.flush();
    }
    out.write(("BYTES " + received + "\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: Main PORT");
      System.exit(2);
    }
    try (ServerSocket server = new ServerSocket()) {
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(Integer.parseInt(args[0])));
      while (true) {
        try (Socket client = server.accept()) {
          echoUntilHalfClose(client);
        } catch (IOException e) {
          System.err.println("client failed: " + e.getMessage());
        }
      }
    }
  }
}
