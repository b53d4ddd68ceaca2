// half-close-echo: echo every byte; after the client's half-close send "BYTES <n>\n" and close.
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

public class Main {
  /** Serves one client. Returns when the conversation is over; main() then closes the socket. */
  static void serve(Socket conn) throws IOException {
    InputStream in = conn.getInputStream();
    OutputStream out = conn.getOutputStream();
    byte[] buf = new byte[16384];
    long total = 0;
    // TODO: loop on in.read(buf):
    //   - n > 0: add n to total and write the n bytes back (out.write(buf, 0, n); out.flush());
    //   - n == -1: the client half-closed (FIN). Send "BYTES <total>\n" and return.
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: Main PORT");
      System.exit(2);
    }
    ServerSocket listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(new InetSocketAddress("0.0.0.0", Integer.parseInt(args[0])), 16);
    while (true) {
      Socket conn = listener.accept();
      try {
        serve(conn);
      } catch (IOException e) { // e.g. the client reset the connection
        System.err.println("connection failed: " + e.getMessage());
      }
      // TODO: close the connection here (your FIN), or it stays in CLOSE_WAIT forever.
    }
  }
}
