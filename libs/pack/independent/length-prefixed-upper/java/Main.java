// length-prefixed-upper, an independent Java solution with DataInputStream: readInt() for
// the big-endian length, readFully() for the payload, byte-wise upper-casing.
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;

public class Main {
  private static final int LARGEST_PAYLOAD = 65536;

  private static void upperCaseAscii(byte[] payload) {
    for (int i = 0; i < payload.length; i++) {
      if (payload[i] >= 'a' && payload[i] <= 'z') payload[i] -= 'a' - 'A';
    }
  }

  private static void serveFrames(Socket client) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream()));
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(client.getOutputStream()));
    while (true) {
      int length;
      try {
        length = in.readInt();
      } catch (EOFException clientDone) {
        return; // end of stream between messages, or inside a header
      }
      if (length < 0 || length > LARGEST_PAYLOAD) return;
      byte[] payload = new byte[length];
      in.readFully(payload); // EOFException inside a payload: the broken message is not answered
      upperCaseAscii(payload);
      out.writeInt(length);
      out.write(payload);
      out.flush();
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
          serveFrames(client);
        } catch (IOException e) {
          System.err.println("client failed: " + e);
        }
      }
    }
  }
}
