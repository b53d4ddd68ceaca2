// ping-client, an independent Java solution: connect with a 3 s limit, PING/PONG, and tell a
// refused connection (REFUSED, exit 2) from an unanswered one (TIMEOUT, exit 3).
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

public class Main {
  private static final int CONNECT_LIMIT_MS = 3000;

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: Main HOST PORT");
      System.exit(1);
    }
    InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
    Socket socket = new Socket();
    try {
      socket.connect(server, CONNECT_LIMIT_MS);
    } catch (SocketTimeoutException e) {
      System.out.println("TIMEOUT");
      System.exit(3);
    } catch (ConnectException e) {
      System.out.println("REFUSED");
      System.exit(2);
    } catch (IOException e) {
      System.err.println("connect failed: " + e);
      System.exit(1);
    }
    try (socket) {
      OutputStream out = socket.getOutputStream();
      out.write("PING\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      String reply = in.readLine();
      if (!"PONG".equals(reply)) {
        System.err.println("unexpected reply: " + reply);
        System.exit(1);
      }
    } catch (IOException e) {
      System.err.println("exchange failed: " + e);
      System.exit(1);
    }
    System.out.println("OK");
    System.exit(0);
  }
}
