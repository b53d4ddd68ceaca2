// greeting-server: for each connection send "HELLO <client-ip> <client-port>\n", then close it.
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

public class Main {
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: Main PORT");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    ServerSocket listener = new ServerSocket();
    listener.setReuseAddress(true);
    // TODO: bind the listener to new InetSocketAddress("0.0.0.0", port).
    // TODO: forever:
    //   - Socket conn = listener.accept();
    //   - write "HELLO <ip> <port>\n": conn.getInetAddress().getHostAddress() and conn.getPort();
    //   - close conn (your FIN comes first), then accept the next one.
    listener.close();
    System.exit(1);
  }
}
