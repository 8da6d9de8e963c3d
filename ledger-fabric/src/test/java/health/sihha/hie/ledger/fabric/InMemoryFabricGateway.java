package health.sihha.hie.ledger.fabric;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import health.sihha.hie.ledger.chaincode.Anchor;
import health.sihha.hie.ledger.chaincode.AnchorBook;
import health.sihha.hie.ledger.chaincode.AnchorRejectedException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.gateway.CommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.CommitStatusResponse;
import org.hyperledger.fabric.protos.gateway.EndorseRequest;
import org.hyperledger.fabric.protos.gateway.EndorseResponse;
import org.hyperledger.fabric.protos.gateway.EvaluateRequest;
import org.hyperledger.fabric.protos.gateway.EvaluateResponse;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.SubmitRequest;
import org.hyperledger.fabric.protos.gateway.SubmitResponse;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Test double of a Fabric Gateway peer (service {@code gateway.Gateway} of fabric-protos), not a peer: one
 * organisation, no ordering service, no endorsement signatures. It decodes each signed proposal down to the
 * chaincode function and arguments, checks the client's ECDSA signature against the certificate the request
 * carries, and runs the {@code ledger-chaincode} rules ({@link AnchorBook}, without the shim) on an in-memory world
 * state. As on a peer, endorsement only simulates: its writes apply when the prepared transaction is submitted.
 */
final class InMemoryFabricGateway extends GatewayGrpc.GatewayImplBase {

  private final Map<String, String> worldState = new HashMap<>();
  private final Map<String, Map<String, String>> endorsedWrites = new HashMap<>();
  private final Map<String, Long> committedBlocks = new HashMap<>();
  private final List<SerializedIdentity> signers = new ArrayList<>();
  private Consumer<AnchorBook> beforeNextEndorse = book -> { };

  /** Who signed each request so far (proposals, transactions, status requests), in order. */
  synchronized List<SerializedIdentity> signers() {
    return List.copyOf(signers);
  }

  /** Lets {@code competing} write to the world state just before the next endorsement, as another client would. */
  synchronized void beforeNextEndorse(Consumer<AnchorBook> competing) {
    beforeNextEndorse = competing;
  }

  @Override
  public synchronized void endorse(EndorseRequest request, StreamObserver<EndorseResponse> response) {
    answer(response, () -> {
      Invocation invocation = Invocation.of(request.getProposedTransaction(), this::verify);
      beforeNextEndorse.accept(new AnchorBook(committedState(worldState)));
      beforeNextEndorse = book -> { };
      Map<String, String> writes = new LinkedHashMap<>();
      String result = run(invocation, writes);
      endorsedWrites.put(invocation.transactionId(), writes);
      return EndorseResponse.newBuilder().setPreparedTransaction(invocation.preparedTransaction(result)).build();
    });
  }

  @Override
  public synchronized void submit(SubmitRequest request, StreamObserver<SubmitResponse> response) {
    answer(response, () -> {
      Envelope envelope = request.getPreparedTransaction();
      Payload payload = Payload.parseFrom(envelope.getPayload());
      verify(SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader()).getCreator(), envelope.getPayload(),
          envelope.getSignature());
      Map<String, String> writes = endorsedWrites.remove(request.getTransactionId());
      if (writes == null) {
        throw Status.FAILED_PRECONDITION.withDescription("no endorsed transaction " + request.getTransactionId())
            .asRuntimeException();
      }
      worldState.putAll(writes);
      committedBlocks.put(request.getTransactionId(), (long) committedBlocks.size() + 1);
      return SubmitResponse.getDefaultInstance();
    });
  }

  @Override
  public synchronized void commitStatus(SignedCommitStatusRequest request,
      StreamObserver<CommitStatusResponse> response) {
    answer(response, () -> {
      CommitStatusRequest status = CommitStatusRequest.parseFrom(request.getRequest());
      verify(status.getIdentity(), request.getRequest(), request.getSignature());
      Long block = committedBlocks.get(status.getTransactionId());
      if (block == null) {
        throw Status.NOT_FOUND.withDescription("no transaction " + status.getTransactionId()).asRuntimeException();
      }
      return CommitStatusResponse.newBuilder().setResult(TxValidationCode.VALID).setBlockNumber(block).build();
    });
  }

  @Override
  public synchronized void evaluate(EvaluateRequest request, StreamObserver<EvaluateResponse> response) {
    answer(response, () -> {
      Invocation invocation = Invocation.of(request.getProposedTransaction(), this::verify);
      String result = run(invocation, new HashMap<>());
      return EvaluateResponse.newBuilder().setResult(ok(result)).build();
    });
  }

  private String run(Invocation invocation, Map<String, String> writes) {
    AnchorBook book = new AnchorBook(committedState(writes));
    List<String> args = invocation.args();
    return switch (invocation.function()) {
      case "anchor" -> book.anchor(new Anchor(args.get(0), Long.parseLong(args.get(1)), args.get(2),
          Long.parseLong(args.get(3)), Long.parseLong(args.get(4)), args.get(5),
          invocation.timestamp().toEpochMilli())).toJson();
      case "latest" -> book.latest(args.get(0)).map(Anchor::toJson).orElse("");
      case "anchorOf" -> book.at(args.get(0), Long.parseLong(args.get(1))).map(Anchor::toJson)
          .orElseThrow(() -> new AnchorRejectedException("no anchor of batch " + args.get(1) + " of " + args.get(0)));
      default -> throw new AnchorRejectedException("no function " + invocation.function());
    };
  }

  // reads see the transaction's own writes first, as a peer's simulation does
  private AnchorBook.State committedState(Map<String, String> writes) {
    return new AnchorBook.State() {
      @Override
      public String get(String key) {
        return writes.containsKey(key) ? writes.get(key) : worldState.get(key);
      }

      @Override
      public void put(String key, String value) {
        writes.put(key, value);
      }
    };
  }

  private void verify(ByteString creator, ByteString signed, ByteString signature)
      throws InvalidProtocolBufferException, GeneralSecurityException {
    SerializedIdentity identity = SerializedIdentity.parseFrom(creator);
    X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(identity.getIdBytes().toByteArray()));
    Signature ecdsa = Signature.getInstance("SHA256withECDSA");
    ecdsa.initVerify(certificate.getPublicKey());
    ecdsa.update(signed.toByteArray());
    if (!ecdsa.verify(signature.toByteArray())) {
      throw Status.PERMISSION_DENIED.withDescription("the signature is not by " + identity.getMspid() + " "
          + certificate.getSubjectX500Principal()).asRuntimeException();
    }
    signers.add(identity);
  }

  private static Response ok(String payload) {
    return Response.newBuilder().setStatus(200).setPayload(ByteString.copyFromUtf8(payload)).build();
  }

  private interface Answer<T> {
    T get() throws InvalidProtocolBufferException, GeneralSecurityException;
  }

  // a chaincode refusal fails endorsement with ABORTED and the chaincode's message, as a gateway peer does
  private static <T> void answer(StreamObserver<T> response, Answer<T> answer) {
    try {
      response.onNext(answer.get());
      response.onCompleted();
    } catch (AnchorRejectedException | NumberFormatException e) {
      response.onError(Status.ABORTED.withDescription("failed to endorse transaction: chaincode response 500, "
          + e.getMessage()).asRuntimeException());
    } catch (StatusRuntimeException e) {
      response.onError(e);
    } catch (InvalidProtocolBufferException | GeneralSecurityException e) {
      response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
    }
  }

  private interface Verifier {
    void verify(ByteString creator, ByteString signed, ByteString signature)
        throws InvalidProtocolBufferException, GeneralSecurityException;
  }

  /** A signed proposal decoded: its headers and the chaincode function called with its arguments. */
  private record Invocation(Header header, ChannelHeader channelHeader, Proposal proposal, String function,
      List<String> args) {

    static Invocation of(SignedProposal signed, Verifier verifier)
        throws InvalidProtocolBufferException, GeneralSecurityException {
      Proposal proposal = Proposal.parseFrom(signed.getProposalBytes());
      Header header = Header.parseFrom(proposal.getHeader());
      verifier.verify(SignatureHeader.parseFrom(header.getSignatureHeader()).getCreator(), signed.getProposalBytes(),
          signed.getSignature());
      ChaincodeInvocationSpec spec = ChaincodeInvocationSpec.parseFrom(
          ChaincodeProposalPayload.parseFrom(proposal.getPayload()).getInput());
      List<String> args = spec.getChaincodeSpec().getInput().getArgsList().stream().map(ByteString::toStringUtf8)
          .toList();
      return new Invocation(header, ChannelHeader.parseFrom(header.getChannelHeader()), proposal, args.get(0),
          args.subList(1, args.size()));
    }

    String transactionId() {
      return channelHeader.getTxId();
    }

    Instant timestamp() {
      return Instant.ofEpochSecond(channelHeader.getTimestamp().getSeconds(), channelHeader.getTimestamp().getNanos());
    }

    /** The transaction envelope a client signs and submits, carrying the chaincode's response. */
    Envelope preparedTransaction(String result) throws InvalidProtocolBufferException {
      ChaincodeAction action = ChaincodeAction.newBuilder().setResponse(ok(result))
          .setChaincodeId(ChaincodeInvocationSpec.parseFrom(ChaincodeProposalPayload.parseFrom(proposal.getPayload())
              .getInput()).getChaincodeSpec().getChaincodeId()).build();
      ProposalResponsePayload responsePayload = ProposalResponsePayload.newBuilder()
          .setExtension(action.toByteString()).build();
      ChaincodeActionPayload actionPayload = ChaincodeActionPayload.newBuilder()
          .setChaincodeProposalPayload(proposal.getPayload())
          .setAction(ChaincodeEndorsedAction.newBuilder().setProposalResponsePayload(responsePayload.toByteString()))
          .build();
      Transaction transaction = Transaction.newBuilder().addActions(TransactionAction.newBuilder()
          .setHeader(header.getSignatureHeader()).setPayload(actionPayload.toByteString())).build();
      return Envelope.newBuilder().setPayload(Payload.newBuilder().setHeader(header)
          .setData(transaction.toByteString()).build().toByteString()).build();
    }
  }
}
